/**
 * Escaping by default for the HTML report: `html` is a template tag whose every interpolated value
 * is escaped (after plainText) unless it is Markup built by `html` itself, so a string from an
 * adapter or a fixture can never become markup. Values go only into element text and
 * double-quoted attributes, never into a script, a style or a URL.
 */
import { plainText } from './plain-text.ts';

export class Markup {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return plainText(s).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

type Value = Markup | string | number | boolean | null | undefined | readonly Value[];

function render(v: Value): string {
  if (v instanceof Markup) return v.html;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  return new Markup(strings.reduce((out, s, k) => out + s + (k < values.length ? render(values[k]) : ''), ''));
}
