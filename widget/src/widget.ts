// The Baton chat widget: one <script> tag, plain TypeScript and DOM, rendered in a shadow root.
// Every piece of text goes in through textContent: nothing from the server is parsed as HTML.
import { ApiError, WidgetApi, type Citation, type Conversation, type Identity, type Message } from './api.ts';
import { pickLang, STRINGS, type Strings } from './i18n.ts';
import { CSS } from './styles.ts';

interface Config {
  workspace: string;
  api: string;
  lang: string | null;
  identity: Identity | undefined;
  open: boolean;
}

interface Saved {
  token: string;
  id: string;
}

type Attrs = Record<string, string>;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

/** Only http(s) links are rendered as links; anything else (javascript:, data:) stays text. */
function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export class BatonWidget {
  private readonly api: WidgetApi;
  private readonly t: Strings;
  private readonly storageKey: string;
  private readonly root: ShadowRoot;
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly log: HTMLElement;
  private readonly talk: HTMLButtonElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly rateBox: HTMLElement;
  private readonly note: HTMLElement;
  private conversation: Conversation | null = null;
  private readonly messages = new Map<string, Message>();
  private socket: WebSocket | null = null;
  private retry = 0;
  /** The line the customer is trying to send, with its id, until the server has answered for it. */
  private unsent: { text: string; id: string } | null = null;
  private busy = false;
  private rated = false;
  private starting: Promise<void> | null = null;

  constructor(
    readonly host: HTMLElement,
    private readonly config: Config,
  ) {
    this.api = new WidgetApi(config.api);
    this.t = STRINGS[pickLang(config.lang, navigator.languages ?? [navigator.language])];
    this.storageKey = `baton:widget:${config.workspace}`;
    this.root = host.attachShadow({ mode: 'open' });

    const t = this.t;
    this.launcher = h('button', { class: 'launcher', type: 'button', 'aria-label': t.open, 'aria-expanded': 'false', 'aria-controls': 'baton-panel' });
    this.launcher.innerHTML = ICON; // a constant, never data
    this.talk = h('button', { class: 'talk', type: 'button' }, t.talk);
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t.title });
    this.note = h('div', { class: 'note', role: 'status', hidden: '' });
    this.rateBox = h('div', { class: 'rate', hidden: '' });
    this.input = h('textarea', { rows: '1', placeholder: t.placeholder, 'aria-label': t.placeholder, maxlength: '4000' });
    this.sendButton = h('button', { class: 'send', type: 'submit' }, t.send);
    const close = h('button', { class: 'x', type: 'button', 'aria-label': t.close }, '×');
    const form = h('form', {}, this.input, this.sendButton);
    this.panel = h(
      'section',
      { class: 'panel', id: 'baton-panel', role: 'dialog', 'aria-label': t.title, hidden: '' },
      h('header', {}, h('div', { class: 't' }, h('h2', {}, t.title), h('p', {}, t.subtitle)), close),
      this.talk,
      this.log,
      this.note,
      this.rateBox,
      form,
    );
    this.root.append(h('style', {}, CSS), this.panel, this.launcher);

    this.launcher.addEventListener('click', () => this.toggle());
    close.addEventListener('click', () => this.toggle(false));
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.toggle(false);
    });
    this.talk.addEventListener('click', () => void this.askForPerson());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        void this.send();
      }
    });
    // A second tab started (or resumed) the conversation: follow it here too.
    window.addEventListener('storage', (e) => {
      if (e.key !== this.storageKey) return;
      const saved = this.loadSaved();
      if (saved && saved.id !== this.conversation?.id) void this.resume(saved);
    });

    this.render();
    const saved = this.loadSaved();
    if (saved) void this.resume(saved);
    if (config.open) this.toggle(true);
  }

  toggle(open = this.panel.hidden): void {
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute('aria-label', open ? this.t.close : this.t.open);
    if (open) {
      this.input.focus();
      this.scrollDown();
    } else this.launcher.focus();
  }

  // -- state --------------------------------------------------------------------------------

  private loadSaved(): Saved | null {
    try {
      const raw = localStorage.getItem(this.storageKey);
      const v = raw ? (JSON.parse(raw) as Partial<Saved>) : null;
      return v && typeof v.token === 'string' && typeof v.id === 'string' ? { token: v.token, id: v.id } : null;
    } catch {
      return null;
    }
  }

  private save(saved: Saved | null): void {
    try {
      if (saved) localStorage.setItem(this.storageKey, JSON.stringify(saved));
      else localStorage.removeItem(this.storageKey);
    } catch {
      /* storage may be disabled: the conversation then lasts as long as the page */
    }
  }

  private async resume(saved: Saved): Promise<void> {
    this.api.token = saved.token;
    try {
      const got = await this.api.get(saved.id);
      this.messages.clear();
      this.adopt(got.conversation, got.messages);
      this.connect();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 404)) {
        this.save(null);
        this.api.token = null;
        this.conversation = null;
        this.render();
      } else this.flash();
    }
  }

  private adopt(conversation: Conversation | null, messages: Message[]): void {
    if (conversation) this.conversation = conversation;
    for (const m of messages) this.messages.set(m.id, m);
    this.render();
  }

  /** Starts the conversation on the first message (or the first "talk to a person"). */
  private async ensureStarted(message?: string): Promise<Message[]> {
    if (this.conversation) return [];
    const started = await this.api.start(this.config.workspace, {
      language: this.config.lang ?? undefined,
      customer: this.config.identity,
      message,
    });
    this.api.token = started.token;
    this.save({ token: started.token, id: started.conversation.id });
    this.adopt(started.conversation, started.messages);
    this.connect();
    return started.messages;
  }

  /** Forgets a finished conversation so the next message or "talk to a person" starts anew. */
  private reset(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.conversation = null;
    this.messages.clear();
    this.rated = false;
    this.api.token = null;
    this.save(null);
    this.render();
  }

  private async send(): Promise<void> {
    const text = this.input.value.trim();
    if (!text || this.busy) return;
    this.setBusy(true);
    try {
      if (this.conversation?.status === 'closed') this.reset();
      if (!this.conversation) await this.ensureStarted(text);
      else {
        // The same words sent again after a failure keep their id: if the first send was kept
        // and only its answer was lost, the server returns that line instead of a copy.
        if (this.unsent?.text !== text) this.unsent = { text, id: newLineId() };
        const posted = await this.api.send(this.conversation.id, text, this.unsent.id);
        this.unsent = null;
        this.adopt(posted.conversation, [posted.message, ...posted.replies]);
      }
      this.input.value = '';
    } catch {
      this.flash();
    } finally {
      this.setBusy(false);
      this.input.focus();
    }
  }

  private async askForPerson(): Promise<void> {
    if (this.busy) return;
    this.setBusy(true);
    try {
      // A resolved or closed conversation cannot go back to a queue: a new one does.
      if (this.conversation && (this.conversation.status === 'resolved' || this.conversation.status === 'closed')) this.reset();
      await this.ensureStarted();
      const c = this.conversation!;
      const res = await this.api.handoff(c.id);
      this.adopt(res.conversation, res.replies);
    } catch {
      this.flash();
    } finally {
      this.setBusy(false);
    }
  }

  private async rate(score: number): Promise<void> {
    if (!this.conversation) return;
    try {
      const res = await this.api.rate(this.conversation.id, score);
      this.rated = true;
      this.adopt(res.conversation, []);
    } catch {
      this.flash();
    }
  }

  // -- realtime -------------------------------------------------------------------------------

  private connect(): void {
    if (!this.api.token || (this.socket && this.socket.readyState <= WebSocket.OPEN)) return;
    const socket = new WebSocket(this.api.socketUrl());
    this.socket = socket;
    socket.addEventListener('open', () => {
      const wasDown = this.retry > 0;
      this.retry = 0;
      this.showNote(null);
      // Catch up on anything said while the socket was down.
      if (wasDown && this.conversation) void this.api.get(this.conversation.id).then((g) => this.adopt(g.conversation, g.messages), () => {});
    });
    socket.addEventListener('message', (e) => {
      let push: { type: string; data: unknown };
      try {
        push = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (push.type === 'message.created') this.adopt(null, [push.data as Message]);
      else if (push.type === 'conversation.updated') this.adopt(push.data as Conversation, []);
    });
    socket.addEventListener('close', (e) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (e.code === 1008 || !this.api.token) return;
      this.retry++;
      if (this.retry > 1) this.showNote(this.t.offline);
      setTimeout(() => this.connect(), Math.min(15_000, 500 * 2 ** this.retry));
    });
  }

  // -- rendering ------------------------------------------------------------------------------

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.disabled = busy;
    this.renderTalk();
  }

  private flash(): void {
    this.showNote(this.t.error);
    setTimeout(() => this.showNote(null), 5000);
  }

  private showNote(text: string | null): void {
    this.note.hidden = !text;
    this.note.textContent = text ?? '';
  }

  private scrollDown(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }

  private renderTalk(): void {
    const c = this.conversation;
    const status = c?.status ?? 'bot';
    let label = this.t.talk;
    if (status === 'with_agent') label = this.t.talkWith;
    else if (status === 'queued' || status === 'awaiting_customer') label = this.t.talkBusy;
    this.talk.textContent = label;
    this.talk.disabled = this.busy || label !== this.t.talk;
  }

  private render(): void {
    const t = this.t;
    const nearBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 80;
    const items: Node[] = [this.bubble({ id: 'welcome', seq: 0, author: 'bot', text: t.welcome })];
    const ordered = [...this.messages.values()].sort((a, b) => a.seq - b.seq);
    for (const m of ordered) items.push(this.bubble(m));
    this.log.replaceChildren(...items);
    if (nearBottom || ordered.length > 0) this.scrollDown();
    this.renderTalk();

    const c = this.conversation;
    const canRate = !!c && (c.status === 'resolved' || c.status === 'closed');
    this.rateBox.hidden = !canRate;
    if (canRate) {
      if (c.csat != null || this.rated) this.rateBox.replaceChildren(h('p', { role: 'status' }, t.thanks));
      else {
        const stars = h('div', { class: 'stars', role: 'group', 'aria-label': t.rate });
        for (let n = 1; n <= 5; n++) {
          const b = h('button', { type: 'button', 'aria-label': t.rateN.replace('{n}', String(n)), 'data-score': String(n) }, `${n}★`);
          b.addEventListener('click', () => void this.rate(n));
          stars.append(b);
        }
        this.rateBox.replaceChildren(h('p', {}, t.resolved + ' ' + t.rate), stars);
      }
    }
  }

  /** A line of the conversation, or one the widget shows itself (the welcome). */
  private bubble(m: Pick<Message, 'id' | 'seq' | 'author' | 'text'> & Partial<Message>): HTMLElement {
    const who = m.author === 'customer' ? this.t.you : m.author === 'bot' ? this.t.bot : m.author === 'agent' ? this.t.agent : '';
    const el = h('div', { class: `m ${m.author}`, 'data-author': m.author, 'data-id': m.id });
    if (who) el.append(h('span', { class: 'who' }, who));
    el.append(h('span', { class: 'text' }, m.text));
    const sources = (m.citations ?? []).filter((c): c is Citation => !!c && (!!c.title || !!c.url));
    if (m.author === 'bot' && sources.length) {
      const list = h('ul', { class: 'src', 'aria-label': this.t.sources });
      const seen = new Set<string>();
      for (const c of sources) {
        const key = c.articleId ?? c.url ?? c.title ?? '';
        if (seen.has(key)) continue;
        seen.add(key);
        const href = safeUrl(c.url);
        const label = c.title || c.url || '';
        list.append(h('li', {}, href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label) : label));
      }
      el.append(h('span', { class: 'sr' }, this.t.sources), list);
    }
    return el;
  }
}

declare global {
  interface Window {
    Baton?: { open(): void; close(): void; toggle(): void };
  }
}

/** Reads the script tag's data-* attributes; the API defaults to where the script came from. */
function boot(): void {
  if (window.Baton) return;
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[data-workspace][src*="widget.js"]');
  const d = script?.dataset ?? {};
  if (!d.workspace) {
    console.warn('[baton] the widget script needs data-workspace="<your workspace slug>"');
    return;
  }
  const api = (d.api ?? (script?.src ? new URL(script.src, location.href).origin : location.origin)).replace(/\/+$/, '');
  const identity: Identity | undefined =
    d.userId || d.name || d.email
      ? { user_id: d.userId || undefined, user_hash: d.userHash || undefined, name: d.name || undefined, email: d.email || undefined }
      : undefined;
  const start = () => {
    const host = document.createElement('div');
    host.id = 'baton-widget';
    // Inherited properties (letter-spacing, font, colour...) cross the shadow boundary: the host
    // element starts from initial values whatever the page's CSS says.
    host.setAttribute('style', 'all:initial !important');
    document.body.append(host);
    const widget = new BatonWidget(host, { workspace: d.workspace!, api, lang: d.lang ?? null, identity, open: d.open === 'true' });
    window.Baton = { open: () => widget.toggle(true), close: () => widget.toggle(false), toggle: () => widget.toggle() };
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}

boot();

/** A random id for a line (crypto.randomUUID needs a secure context; getRandomValues does not). */
function newLineId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
