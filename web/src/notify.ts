// New-handoff alerts: a short tone (Web Audio, no asset to load) and a desktop notification,
// each switched on by the agent and remembered in this browser.

const KEY = 'baton:alerts';

export interface AlertPrefs {
  sound: boolean;
  desktop: boolean;
}

export function loadPrefs(): AlertPrefs {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<AlertPrefs>;
    return { sound: v.sound ?? false, desktop: v.desktop ?? false };
  } catch {
    return { sound: false, desktop: false };
  }
}

export function savePrefs(p: AlertPrefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    /* private mode: preferences last for the session */
  }
}

let ctx: AudioContext | null = null;

export function chime(): void {
  try {
    ctx ??= new AudioContext();
    const now = ctx.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.15 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.15 + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(now + i * 0.15);
      osc.stop(now + i * 0.15 + 0.32);
    }
  } catch {
    /* no audio in this browser */
  }
}

export async function askDesktopPermission(): Promise<boolean> {
  if (!('Notification' in window)) return false;
  if (Notification.permission === 'granted') return true;
  return (await Notification.requestPermission()) === 'granted';
}

export function desktopNotify(title: string, body: string, onClick: () => void): void {
  if (!('Notification' in window) || Notification.permission !== 'granted' || document.hasFocus()) return;
  const n = new Notification(title, { body, tag: 'baton-handoff' });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}
