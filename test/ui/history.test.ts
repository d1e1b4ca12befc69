import { describe, expect, it } from 'vitest';
import { TextHistory } from '../../src/ui/history.ts';

describe('TextHistory', () => {
  it('walks back and forth through edits, and a new edit drops the redo branch', () => {
    const history = new TextHistory();
    expect(history.canUndo).toBe(false);
    history.record('v1');
    history.record('v2');
    expect(history.undo('v3')).toBe('v2');
    expect(history.undo('v2')).toBe('v1');
    expect(history.undo('v1')).toBeUndefined();
    expect(history.redo('v1')).toBe('v2');
    expect(history.canRedo).toBe(true);
    history.record('v2');
    expect(history.canRedo).toBe(false);
    expect(history.undo('v2b')).toBe('v2');
  });

  it('keeps at most its limit of steps', () => {
    const history = new TextHistory(2);
    for (const text of ['a', 'b', 'c']) history.record(text);
    expect(history.undo('d')).toBe('c');
    expect(history.undo('c')).toBe('b');
    expect(history.undo('b')).toBeUndefined();
  });
});
