/** The .dta `<value_labels>` section: each named set's code → label map. */
import { count, type Reader } from './dta-byte-reader.ts';
import type { Layout } from './dta-types.ts';

export function readValueLabels(r: Reader, layout: Layout): Map<string, Map<number, string>> {
  const sets = new Map<string, Map<number, string>>();
  r.expectTag('<value_labels>');
  while (r.peekAscii(5) === '<lbl>') {
    r.skip(5);
    const length = r.u32();
    const name = r.text(layout.nameBytes);
    r.skip(3);
    const start = r.position;
    const entries = r.i32();
    const textLength = r.i32();
    if (entries < 0 || textLength < 0 || entries * 8 + textLength > r.size - r.position) {
      throw r.damaged(
        `its value-label set ${name} claims ${count(entries)} labels in ${count(textLength)} bytes of text, more than the file holds`,
      );
    }
    const offsets = Array.from({ length: entries }, () => r.i32());
    const values = Array.from({ length: entries }, () => r.i32());
    const text = r.bytes(textLength);
    const set = new Map<number, string>();
    values.forEach((value, i) => {
      const from = offsets[i];
      let to = from;
      while (to < text.length && text[to] !== 0) to++;
      set.set(value, r.decoder.decode(text.subarray(from, to)));
    });
    sets.set(name, set);
    r.seek(start + length);
    r.expectTag('</lbl>');
  }
  return sets;
}
