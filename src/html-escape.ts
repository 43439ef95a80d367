// Text into HTML (element content and quoted attribute values), for every page and body we
// build as a string: the eval report, helpdesk briefs.
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITY[c]!);
}
