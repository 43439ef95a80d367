// The Baton chat widget: one <script> tag, plain TypeScript and DOM, rendered in a shadow root.
// Every piece of text goes in as a text node: nothing from the server is parsed as HTML.
import { ApiError, WidgetApi, type Citation, type Conversation, type Identity, type Message, type QueuePlace } from './api.ts';
import { chatIcon, h } from './dom.ts';
import { pickLang, STRINGS, type Strings } from './i18n.ts';
import { LiveUpdates } from './live.ts';
import { adoptStyles } from './styles.ts';
import { queueText } from './queue.ts';
import { COUNTER_FROM, displayText, linkParts, MAX_MESSAGE_CHARS, webAddress } from './text.ts';

interface Config {
  workspace: string;
  api: string;
  lang: string | null;
  identity: Identity | undefined;
  open: boolean;
}

/** While queued, the place is read again this often (the wait shortens as time passes; pushes say when the line moves). */
const QUEUE_REFRESH_MS = 60_000;

interface Saved {
  token: string;
  id: string;
}

/** A link that opens in a new tab and tells the page it opens nothing about this one. */
const link = (href: string, label: string) => h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label);

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
  private readonly counter: HTMLElement;
  private readonly queueLine: HTMLElement;
  /** Where the customer stands while queued (null: not queued, or not known yet). */
  private queuePlace: QueuePlace | null = null;
  private queueTimer: ReturnType<typeof setInterval> | undefined;
  private readonly live: LiveUpdates;
  private conversation: Conversation | null = null;
  private readonly messages = new Map<string, Message>();
  /** The bubbles on screen, by message id: new messages are added, none is redrawn. */
  private readonly bubbles = new Map<string, HTMLElement>();
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
    adoptStyles(this.root);
    this.live = new LiveUpdates(() => this.api.socketUrl(), {
      push: (type, data) => {
        if (type === 'message.created') this.adopt(null, [data as Message]);
        else if (type === 'conversation.updated') this.adopt(data as Conversation, []);
        else if (type === 'queue.updated') this.adoptQueue(data as QueuePlace | null);
      },
      refresh: () => this.refresh(),
      offline: (down) => this.showNote(down ? this.t.offline : null),
    });

    const t = this.t;
    this.launcher = h(
      'button',
      { class: 'launcher', type: 'button', 'aria-label': t.open, 'aria-expanded': 'false', 'aria-controls': 'baton-panel' },
      chatIcon(),
    );
    this.talk = h('button', { class: 'talk', type: 'button' }, t.talk);
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t.title });
    this.note = h('div', { class: 'note', role: 'status', hidden: '' });
    this.queueLine = h('p', { class: 'queue', role: 'status', hidden: '' });
    this.rateBox = h('div', { class: 'rate', hidden: '' });
    this.counter = h('p', { class: 'count', id: 'baton-count', hidden: '' });
    this.input = h('textarea', {
      rows: '1',
      dir: 'auto',
      placeholder: t.placeholder,
      'aria-label': t.placeholder,
      'aria-describedby': 'baton-count',
      maxlength: String(MAX_MESSAGE_CHARS),
    });
    this.sendButton = h('button', { class: 'send', type: 'submit' }, t.send);
    const close = h('button', { class: 'x', type: 'button', 'aria-label': t.close }, '×');
    const form = h('form', {}, this.input, this.sendButton, this.counter);
    this.panel = h(
      'section',
      { class: 'panel', id: 'baton-panel', role: 'dialog', 'aria-label': t.title, hidden: '' },
      // Not a <header>: inside the host page it would read as a second banner landmark.
      h('div', { class: 'head' }, h('div', { class: 't' }, h('h2', {}, t.title), h('p', {}, t.subtitle)), close),
      h('div', { class: 'bar' }, this.talk, this.queueLine),
      this.log,
      this.note,
      this.rateBox,
      form,
    );
    this.root.append(this.panel, this.launcher);
    this.log.append(this.bubble({ id: 'welcome', seq: 0, author: 'bot', text: t.welcome }));

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
    this.input.addEventListener('input', () => this.renderCounter());
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
      if (this.conversation && this.conversation.id !== saved.id) this.forget();
      const got = await this.api.get(saved.id);
      this.queuePlace = got.queue;
      this.adopt(got.conversation, got.messages);
      // A closed conversation says nothing more: no socket, no polling.
      if (got.conversation.status !== 'closed') this.live.start();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 404)) this.reset();
      else this.flash();
    }
  }

  /** Re-reads the conversation (after a socket drop, or in place of the socket). */
  private async refresh(): Promise<void> {
    const c = this.conversation;
    if (!c) return;
    const got = await this.api.get(c.id);
    if (this.conversation?.id !== c.id) return;
    this.queuePlace = got.queue;
    this.adopt(got.conversation, got.messages);
  }

  /** A new place in the queue (pushed, or read again); null when the wait is over. */
  private adoptQueue(place: QueuePlace | null): void {
    this.queuePlace = place;
    this.render();
  }

  /** While queued, reads the place again now and then; stops when the wait is over. */
  private followQueue(): void {
    const queued = this.conversation?.status === 'queued';
    if (queued && this.queueTimer === undefined) {
      this.queueTimer = setInterval(() => {
        const id = this.conversation?.id;
        if (!id) return;
        this.api.queue(id).then(
          (r) => this.conversation?.id === id && this.adoptQueue(r.queue),
          () => {},
        );
      }, QUEUE_REFRESH_MS);
    } else if (!queued && this.queueTimer !== undefined) {
      clearInterval(this.queueTimer);
      this.queueTimer = undefined;
    }
  }

  private adopt(conversation: Conversation | null, messages: Message[]): void {
    if (conversation) this.conversation = conversation;
    for (const m of messages) this.messages.set(m.id, m);
    // A closed conversation says nothing more: no socket, no polling.
    if (this.conversation?.status === 'closed') this.live.stop();
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
    this.live.start();
    return started.messages;
  }

  /** Forgets a finished conversation so the next message or "talk to a person" starts anew. */
  private reset(): void {
    this.forget();
    this.api.token = null;
    this.save(null);
    this.render();
  }

  /** Clears what is on screen of the current conversation. */
  private forget(): void {
    this.live.stop();
    this.conversation = null;
    this.queuePlace = null;
    this.messages.clear();
    for (const el of this.bubbles.values()) el.remove();
    this.bubbles.clear();
    this.rated = false;
  }

  /** Sends what the customer typed, or `chosen`: the title of an option a bot question offered. */
  private async send(chosen?: string): Promise<void> {
    const text = chosen ?? this.input.value.trim();
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
      // Only the words that were sent: what the customer typed while waiting for the answer stays.
      if (chosen === undefined && this.input.value.trim() === text) {
        this.input.value = '';
        this.renderCounter();
      }
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
      this.queuePlace = res.queue;
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
    // Waiting and talking are states, not dead buttons: each gets its own colour and a dot.
    const state = status === 'with_agent' ? 'person' : status === 'queued' || status === 'awaiting_customer' ? 'waiting' : '';
    this.talk.textContent = state === 'person' ? this.t.talkWith : state ? this.t.talkBusy : this.t.talk;
    if (state) this.talk.dataset.state = state;
    else delete this.talk.dataset.state;
    this.talk.disabled = this.busy || !!state;
    // The place in line shows only while queued: once a person has it, it is gone.
    const place = status === 'queued' ? this.queuePlace : null;
    this.queueLine.hidden = !place;
    const text = place ? queueText(place, this.t) : null;
    // Rebuilt only when the words change, so the status region announces a real move only.
    const key = text ? `${text.where} ${text.wait}` : '';
    if (this.queueLine.dataset.text !== key) {
      this.queueLine.dataset.text = key;
      this.queueLine.replaceChildren(...(text ? [h('strong', {}, text.where), ' ', h('span', {}, text.wait)] : []));
    }
    this.followQueue();
  }

  /** Shows "1,234 / 10,000" once the line nears the server's limit. */
  private renderCounter(): void {
    const n = this.input.value.length;
    this.counter.hidden = n < COUNTER_FROM;
    this.counter.classList.toggle('full', n >= MAX_MESSAGE_CHARS);
    this.counter.textContent = `${n.toLocaleString()} / ${MAX_MESSAGE_CHARS.toLocaleString()}`;
  }

  private render(): void {
    const t = this.t;
    const nearBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 80;
    let added = false;
    // Only new messages are added, in seq order: a re-read (polling) redraws nothing, and the
    // live log announces each line once.
    for (const m of [...this.messages.values()].sort((a, b) => a.seq - b.seq)) {
      if (this.bubbles.has(m.id)) continue;
      const el = this.bubble(m);
      el.dataset.seq = String(m.seq);
      const next = [...this.bubbles.values()].find((b) => Number(b.dataset.seq) > m.seq);
      this.log.insertBefore(el, next ?? null);
      this.bubbles.set(m.id, el);
      added = true;
    }
    this.renderTalk();

    const c = this.conversation;
    const rating = !c || (c.status !== 'resolved' && c.status !== 'closed') ? '' : c.csat != null || this.rated ? 'thanks' : 'ask';
    this.rateBox.hidden = !rating;
    // Rebuilt only when it changes: a re-read must not take the focus off a star.
    if (rating !== this.rateBox.dataset.state) {
      this.rateBox.dataset.state = rating;
      if (rating === 'thanks') this.rateBox.replaceChildren(h('p', { role: 'status' }, t.thanks));
      else if (rating === 'ask') {
        const stars = h('div', { class: 'stars', role: 'group', 'aria-label': t.rate });
        for (let n = 1; n <= 5; n++) {
          const b = h('button', { type: 'button', 'aria-label': t.rateN.replace('{n}', String(n)), 'data-score': String(n) }, `${n}★`);
          b.addEventListener('click', () => void this.rate(n));
          stars.append(b);
        }
        this.rateBox.replaceChildren(h('p', {}, t.resolved + ' ' + t.rate), stars);
      }
    }
    // Last, once the rating box has taken its room: the newest line stays in view above it.
    if (nearBottom || added) this.scrollDown();
  }

  /** A line of the conversation, or one the widget shows itself (the welcome). */
  private bubble(m: Pick<Message, 'id' | 'seq' | 'author' | 'text'> & Partial<Message>): HTMLElement {
    const who = m.author === 'customer' ? this.t.you : m.author === 'bot' ? this.t.bot : m.author === 'agent' ? this.t.agent : '';
    const el = h('div', { class: `m ${m.author}`, 'data-author': m.author, 'data-id': m.id });
    if (who) el.append(h('span', { class: 'who' }, who));
    const sources = m.author === 'bot' ? (m.citations ?? []).filter((c): c is Citation => !!c && (!!c.title || !!c.url)) : [];
    // dir="auto": a line in Hebrew or Arabic reads right to left, whatever the page's direction.
    const text = m.author === 'bot' ? displayText(m.text, sources.length > 0) : m.text;
    // The customer's own line stays as typed; the bot's, an agent's and the system's show their addresses as links.
    const parts = m.author === 'customer' ? [text] : linkParts(text);
    el.append(h('span', { class: 'text', dir: 'auto' }, ...parts.map((p) => (typeof p === 'string' ? p : link(p.href, p.label)))));
    if (sources.length) {
      const list = h('ul', { class: 'src' });
      const seen = new Set<string>();
      for (const c of sources) {
        const key = c.articleId ?? c.url ?? c.title ?? '';
        if (seen.has(key)) continue;
        seen.add(key);
        const href = webAddress(c.url);
        const label = c.title || c.url || '';
        list.append(h('li', {}, href ? link(href, label) : label));
      }
      el.append(h('div', { class: 'srcs' }, `${list.children.length > 1 ? this.t.sources : this.t.source}: `, list));
    }
    // A question's choices as buttons that answer it with the page's title (shown on the newest line only: styles.ts).
    const options = m.author === 'bot' ? (m.options ?? []) : [];
    if (options.length) {
      const group = h('div', { class: 'opts', role: 'group', 'aria-label': this.t.choices });
      for (const o of options) {
        const b = h('button', { type: 'button', class: 'opt', dir: 'auto' }, o.title);
        b.addEventListener('click', () => void this.send(o.title));
        group.append(b);
      }
      el.append(group);
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
    // /widget.js or the pinned /widget.<hash>.js
    document.querySelector<HTMLScriptElement>('script[data-workspace][src*="/widget."]');
  const d = script?.dataset ?? {};
  if (!d.workspace) {
    console.warn('[baton] the widget script needs data-workspace="<your workspace slug>"');
    return;
  }
  const api = (d.api ?? (script?.src ? new URL(script.src, location.href).origin : location.origin)).replace(/\/+$/, '');
  const identity: Identity | undefined =
    d.userId || d.name || d.email
      ? {
          user_id: d.userId || undefined,
          user_hash: d.userHash || undefined,
          expires: d.userExpires ? Number(d.userExpires) : undefined,
          name: d.name || undefined,
          email: d.email || undefined,
        }
      : undefined;
  const start = () => {
    const host = document.createElement('div');
    host.id = 'baton-widget';
    // Inherited properties (letter-spacing, font, colour...) cross the shadow boundary: the host
    // element starts from initial values whatever the page's CSS says.
    // Set through the CSSOM, which a CSP without 'unsafe-inline' in style-src does not block.
    host.style.setProperty('all', 'initial', 'important');
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
