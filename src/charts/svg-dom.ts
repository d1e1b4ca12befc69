/**
 * Node-only: the little of the DOM that Observable Plot and standalone.ts use to draw a chart
 * as SVG, and an XMLSerializer that writes it as jsdom's does (w3c-xmlserializer, the DOM
 * Parsing spec's algorithm, for a tree of SVG elements and text). The command line draws its
 * charts here instead of in jsdom, which takes about half a second to load (issue 20).
 *
 * It holds SVG-namespace elements, text nodes, attributes without a namespace and the
 * selectors `tag`, `*` and `[attr]`, which is all the chart code asks for. Anything else
 * (HTML elements, namespaced attributes, inline styles, other selectors or methods) throws
 * UnsupportedDom, and svg-node.ts draws that chart in jsdom instead, so a chart that needs
 * more never comes out different: it only comes out slower. test/charts/svg-dom.test.ts
 * compares both on every chart the tests draw.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

export class UnsupportedDom extends Error {
  constructor(what: string) {
    super(`the SVG document for charts does not support ${what}`);
    this.name = 'UnsupportedDom';
  }
}

interface Attribute {
  readonly name: string;
  readonly localName: string;
  readonly namespaceURI: null;
  readonly prefix: null;
  value: string;
}

/** jsdom converts with WebIDL's DOMString: String(), which throws on a Symbol as it does. */
function domString(value: unknown): string {
  return String(value);
}

abstract class LightNode {
  parentNode: LightElement | null = null;
  constructor(readonly ownerDocument: LightDocument) {}
  abstract readonly nodeType: number;
  abstract get textContent(): string;

  get parentElement(): LightElement | null {
    return this.parentNode;
  }

  get nextSibling(): LightNode | null {
    const siblings = this.parentNode?.nodes;
    if (!siblings) return null;
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }

  get previousSibling(): LightNode | null {
    const siblings = this.parentNode?.nodes;
    if (!siblings) return null;
    return siblings[siblings.indexOf(this) - 1] ?? null;
  }

  remove(): void {
    this.parentNode?.removeChild(this);
  }
}

class LightText extends LightNode {
  readonly nodeType = 3;
  readonly nodeName = '#text';
  constructor(
    ownerDocument: LightDocument,
    public data: string,
  ) {
    super(ownerDocument);
  }
  get textContent(): string {
    return this.data;
  }
  set textContent(value: unknown) {
    this.data = value === null ? '' : domString(value);
  }
  get nodeValue(): string {
    return this.data;
  }
}

class LightElement extends LightNode {
  readonly nodeType = 1;
  readonly nodes: LightNode[] = [];
  private readonly attrs: Attribute[] = [];

  constructor(
    ownerDocument: LightDocument,
    readonly namespaceURI: string,
    readonly localName: string,
  ) {
    super(ownerDocument);
  }

  get prefix(): null {
    return null;
  }
  get tagName(): string {
    return this.localName;
  }
  get nodeName(): string {
    return this.localName;
  }
  get childNodes(): LightNode[] {
    return [...this.nodes];
  }
  get children(): LightElement[] {
    return this.nodes.filter((n): n is LightElement => n instanceof LightElement);
  }
  get firstChild(): LightNode | null {
    return this.nodes[0] ?? null;
  }
  get lastChild(): LightNode | null {
    return this.nodes.at(-1) ?? null;
  }
  get firstElementChild(): LightElement | null {
    return this.children[0] ?? null;
  }
  get childElementCount(): number {
    return this.children.length;
  }
  get ownerSVGElement(): LightElement | null {
    let node = this.parentNode;
    while (node && node.localName !== 'svg') node = node.parentNode;
    return node;
  }
  get isConnected(): boolean {
    return false;
  }
  get attributes(): Attribute[] {
    return [...this.attrs];
  }
  get style(): never {
    throw new UnsupportedDom('inline styles');
  }

  getAttribute(name: string): string | null {
    return this.attrs.find((a) => a.name === name)?.value ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.attrs.some((a) => a.name === name);
  }
  setAttribute(name: string, value: unknown): void {
    name = domString(name);
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new UnsupportedDom(`attribute ${name}`);
    const text = domString(value);
    const existing = this.attrs.find((a) => a.name === name);
    if (existing) existing.value = text;
    else this.attrs.push({ name, localName: name, namespaceURI: null, prefix: null, value: text });
  }
  removeAttribute(name: string): void {
    const i = this.attrs.findIndex((a) => a.name === name);
    if (i >= 0) this.attrs.splice(i, 1);
  }
  setAttributeNS(): never {
    throw new UnsupportedDom('namespaced attributes');
  }

  get textContent(): string {
    return this.nodes.map((n) => n.textContent).join('');
  }
  set textContent(value: unknown) {
    for (const node of this.nodes) node.parentNode = null;
    this.nodes.length = 0;
    const text = value === null ? '' : domString(value);
    if (text !== '') this.adopt(new LightText(this.ownerDocument, text), null);
  }

  appendChild<T extends LightNode>(node: T): T {
    return this.adopt(node, null);
  }
  insertBefore<T extends LightNode>(node: T, before: LightNode | null): T {
    return this.adopt(node, before);
  }
  removeChild<T extends LightNode>(node: T): T {
    const i = this.nodes.indexOf(node);
    if (i < 0) throw new UnsupportedDom('removing a node from another parent');
    this.nodes.splice(i, 1);
    node.parentNode = null;
    return node;
  }
  append(...nodes: unknown[]): void {
    for (const node of nodes) this.adopt(this.nodeOf(node), null);
  }
  prepend(...nodes: unknown[]): void {
    const first = this.firstChild;
    for (const node of nodes) this.adopt(this.nodeOf(node), first);
  }
  replaceWith(...nodes: unknown[]): void {
    const parent = this.parentNode;
    if (!parent) return;
    const next = this.nextSibling;
    parent.removeChild(this);
    for (const node of nodes) parent.adopt(parent.nodeOf(node), next);
  }

  querySelector(selector: string): LightElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
  querySelectorAll(selector: string): LightElement[] {
    const match = matcher(selector);
    const found: LightElement[] = [];
    const visit = (element: LightElement): void => {
      for (const child of element.children) {
        if (match(child)) found.push(child);
        visit(child);
      }
    };
    visit(this);
    return found;
  }
  contains(other: LightNode | null): boolean {
    for (let node = other; node; node = node.parentNode)
      if (node === (this as LightNode)) return true;
    return false;
  }
  matches(selector: string): boolean {
    return matcher(selector)(this);
  }

  private nodeOf(node: unknown): LightNode {
    return node instanceof LightNode ? node : new LightText(this.ownerDocument, domString(node));
  }

  private adopt<T extends LightNode>(node: T, before: LightNode | null): T {
    if (!(node instanceof LightNode) || node.ownerDocument !== this.ownerDocument) {
      throw new UnsupportedDom('a node from another document');
    }
    if (node === (this as LightNode) || (node instanceof LightElement && node.contains(this))) {
      throw new UnsupportedDom('inserting a node into itself');
    }
    node.parentNode?.removeChild(node);
    const i = before === null ? -1 : this.nodes.indexOf(before);
    if (before !== null && i < 0) throw new UnsupportedDom('inserting before a non-child');
    if (i < 0) this.nodes.push(node);
    else this.nodes.splice(i, 0, node);
    node.parentNode = this;
    return node;
  }
}

/** `tag`, `*` or `[attr]`: the selectors the chart code uses. */
function matcher(selector: string): (element: LightElement) => boolean {
  const s = selector.trim();
  if (s === '*') return () => true;
  const attr = /^\[([A-Za-z_][A-Za-z0-9_.-]*)\]$/.exec(s);
  if (attr) return (element) => element.hasAttribute(attr[1]);
  if (/^[A-Za-z][A-Za-z0-9-]*$/.test(s)) return (element) => element.localName === s;
  throw new UnsupportedDom(`the selector ${selector}`);
}

class LightDocument {
  readonly nodeType = 9;
  readonly documentElement: LightElement;
  readonly defaultView = { XMLSerializer: LightXMLSerializer };

  constructor() {
    // d3's creator asks the root's namespace; an HTML document's root is XHTML.
    this.documentElement = new LightElement(this, XHTML_NS, 'html');
  }

  get ownerDocument(): null {
    return null;
  }

  createElementNS(namespace: string | null, name: string): LightElement {
    if (namespace !== SVG_NS) throw new UnsupportedDom(`elements in namespace ${namespace}`);
    if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name)) throw new UnsupportedDom(`element ${name}`);
    return new LightElement(this, SVG_NS, name);
  }
  createElement(name: string): never {
    throw new UnsupportedDom(`HTML elements (${name})`);
  }
  createTextNode(data: unknown): LightText {
    return new LightText(this, domString(data));
  }
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\t', '&#x9;')
    .replaceAll('\n', '&#xA;')
    .replaceAll('\r', '&#xD;');
}

/**
 * w3c-xmlserializer's output for elements without namespaced attributes: an element whose
 * namespace differs from its parent's declares it (`xmlns="…"`), an empty one closes itself
 * (`/>`), and text and attribute values are escaped as there.
 */
function serialize(node: LightNode, inherited: string | null): string {
  if (node instanceof LightText) return escapeText(node.data);
  if (!(node instanceof LightElement)) throw new UnsupportedDom('serializing this node');
  let markup = `<${node.localName}`;
  if (node.namespaceURI !== inherited) markup += ` xmlns="${escapeAttribute(node.namespaceURI)}"`;
  for (const { name, value } of node.attributes) markup += ` ${name}="${escapeAttribute(value)}"`;
  if (node.nodes.length === 0) return `${markup}/>`;
  markup += '>';
  for (const child of node.nodes) markup += serialize(child, node.namespaceURI);
  return `${markup}</${node.localName}>`;
}

class LightXMLSerializer {
  serializeToString(node: unknown): string {
    if (!(node instanceof LightNode)) throw new UnsupportedDom('serializing a foreign node');
    return serialize(node, null);
  }
}

/** A new, empty document to draw one chart in (typed as a DOM Document for the chart code). */
export function createSvgDocument(): Document {
  return new LightDocument() as unknown as Document;
}
