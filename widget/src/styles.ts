// Scoped to the shadow root: the host page's CSS cannot reach in, and ours cannot leak out.
const CSS = `
:host{all:initial}
*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;letter-spacing:normal;word-spacing:normal;text-transform:none;text-indent:0;text-shadow:none}
.launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:#1d4ed8;color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;z-index:2147483646}
.launcher svg{width:26px;height:26px;fill:currentColor}
button:focus-visible,a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.head .x:focus-visible{outline-color:#fff}
.panel{position:fixed;right:20px;bottom:88px;width:370px;max-width:calc(100vw - 24px);height:560px;max-height:calc(100vh - 110px);background:#fff;color:#111827;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden;z-index:2147483647;font-size:15px;line-height:1.4}
.panel[hidden]{display:none}
@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;max-width:100vw;height:100%;max-height:100%;border-radius:0}.launcher{right:14px;bottom:14px}}
.head{background:#1d4ed8;color:#fff;padding:12px 14px;display:flex;align-items:center;gap:8px}
.head .t{flex:1;min-width:0}
.head h2{margin:0;font-size:16px;font-weight:600}
.head p{margin:2px 0 0;font-size:13px;color:#dbeafe}
.x{background:transparent;border:0;color:#fff;font-size:22px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}
.bar{padding:8px 12px;border-bottom:1px solid #e5e7eb;display:flex;flex-direction:column;gap:6px}
.queue{margin:0;font-size:13px;line-height:1.4;color:#78350f;text-align:center}
.queue strong,.queue span{display:block}
.queue strong{font-weight:600}
.queue[hidden]{display:none}
.talk{flex:1;padding:8px 12px;border:1px solid #1d4ed8;background:#eff6ff;color:#1e3a8a;border-radius:999px;font-size:14px;font-weight:600;cursor:pointer}
.talk:disabled{cursor:default}
.talk[data-state=waiting]{border-color:#f59e0b;background:#fffbeb;color:#92400e}
.talk[data-state=person]{border-color:#10b981;background:#ecfdf5;color:#065f46}
.talk[data-state]:before{content:'';display:inline-block;width:8px;height:8px;border-radius:50%;background:currentColor;margin-inline-end:8px;vertical-align:1px}
.talk[data-state=waiting]:before{animation:pulse 1.6s ease-in-out infinite}
@keyframes pulse{50%{opacity:.25}}
@media (prefers-reduced-motion:reduce){.talk[data-state]:before{animation:none}}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}
.m{max-width:85%;padding:8px 11px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere}
.m .who{display:block;font-size:12px;font-weight:600;color:#4b5563;margin-bottom:2px}
.customer{align-self:flex-end;background:#1d4ed8;color:#fff}
.customer .who{color:#dbeafe}
.bot,.agent{align-self:flex-start;background:#f3f4f6}
.agent{background:#ecfdf5;border:1px solid #a7f3d0}
.system{align-self:center;max-width:95%;background:transparent;color:#4b5563;font-size:13px;text-align:center;padding:2px 6px}
.srcs{display:block;margin-top:6px;padding-top:6px;border-top:1px solid #e5e7eb;font-size:13px;color:#4b5563}
.src{display:inline;margin:0;padding:0;list-style:none}
.src li{display:inline}
.src li+li:before{content:' · '}
.src a,.text a{color:#1d4ed8}
.opts{display:flex;flex-direction:column;align-items:flex-start;gap:6px;margin-top:8px}
.m:not(:last-child) .opts{display:none}
.opt{padding:6px 12px;border:1px solid #1d4ed8;border-radius:14px;background:#fff;color:#1d4ed8;font-size:14px;font-weight:600;text-align:start;cursor:pointer;white-space:normal}
.opt:hover{background:#eff6ff}
.opt:focus-visible{outline:2px solid #1d4ed8;outline-offset:2px}
.rate{padding:10px 12px;border-top:1px solid #e5e7eb;text-align:center}
.rate p{margin:0 0 6px;font-weight:600}
.stars{display:flex;justify-content:center;gap:6px}
.stars button{width:40px;height:40px;border-radius:8px;border:1px solid #d1d5db;background:#fff;font-size:16px;cursor:pointer;color:#111827}
.stars button:hover{background:#fef3c7}
.note{padding:4px 12px;font-size:13px;color:#92400e;background:#fffbeb}
.note[hidden]{display:none}
form{display:flex;flex-wrap:wrap;gap:8px;padding:10px 12px;border-top:1px solid #e5e7eb}
textarea{flex:1;resize:none;border:1px solid #9ca3af;border-radius:10px;padding:8px 10px;font-size:16px;line-height:1.4;min-height:42px;max-height:120px;color:#111827;background:#fff;outline:0}
textarea:focus{border-color:#1d4ed8;box-shadow:0 0 0 2px #bfdbfe}
.count{flex-basis:100%;margin:-4px 0 0;font-size:12px;color:#4b5563;text-align:end}
.count.full{color:#b91c1c;font-weight:600}
.count[hidden]{display:none}
.send{border:0;background:#1d4ed8;color:#fff;border-radius:10px;padding:0 14px;font-weight:600;cursor:pointer;font-size:15px}
.send:disabled{opacity:.6}
`;

/**
 * Puts the styles in the shadow root as a constructed stylesheet: a page whose CSP has
 * `style-src 'self'` blocks <style> elements and style attributes, not adopted sheets.
 * Browsers without constructable stylesheets (Safari before 16.4) get a <style> element.
 */
export function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
}
