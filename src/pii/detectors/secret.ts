import { containsAny, lowerCase } from '../context.ts';
import type { Detector, Span } from '../types.ts';

// Well-known credential shapes: a prefix that the issuer chose so leaks can be found.
const TOKEN_PATTERNS: RegExp[] = [
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key id
  /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g, // GitLab
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, // Slack
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g, // Stripe secret and restricted keys
  /\bAIza[0-9A-Za-z_-]{35}\b/g, // Google API key
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}\b/g, // OpenAI / Anthropic
  /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g, // SendGrid
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT
  /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z]+ )?PRIVATE KEY-----/g,
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s:/@]+@[^\s]+/gi, // credentials inside a URL
];

// "my password is hunter2", "Passwort: xyz", "api key = abc": the value after the cue.
const CUED =
  /\b(?:pass(?:word|wd|phrase|code)?|pwd|pin|passwort|kennwort|mot de passe|mdp|contraseña|clave|password|senha|wachtwoord|api[ _-]?key|secret|token|access[ _-]?key|otp|one[- ]time code)\b(?:\s+(?:is|was|ist|est|es|è|=))?\s*[:=]?\s*["'“]?([^\s"'”]{4,128})/giu;
// Words that follow a cue without being the secret ("my password is not working").
const NOT_SECRET =
  /^(?:is|was|not|wrong|incorrect|expired|reset|forgotten|forgot|doesn't|does|isn't|and|or|the|for|to|of|in|on|field|please|change|changed|locked|ist|est|es|nicht|falsch)$/i;

// Literal pieces of the patterns above, to skip the expressions on ordinary text.
const TOKEN_HINTS = [
  'akia',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'github_pat_',
  'glpat-',
  'xox',
  '_live_',
  '_test_',
  'aiza',
  'sk-',
  'sg.',
  'eyj',
  '-----begin',
  '://',
];
const CUE_HINTS = [
  'pass',
  'pwd',
  'pin',
  'kennwort',
  'mot de passe',
  'mdp',
  'contraseña',
  'clave',
  'senha',
  'wachtwoord',
  'api',
  'secret',
  'token',
  'access',
  'otp',
  'one-time',
  'one time',
];

export const detectSecret: Detector = (text) => {
  const spans: Span[] = [];
  const lower = lowerCase(text);
  if (containsAny(lower, TOKEN_HINTS))
    for (const pattern of TOKEN_PATTERNS) {
      for (const m of text.matchAll(pattern)) spans.push({ type: 'SECRET', start: m.index, end: m.index + m[0].length, score: 0.95 });
    }
  if (containsAny(lower, CUE_HINTS))
    for (const m of text.matchAll(CUED)) {
      const value = m[1].replace(/[.,;!?)]+$/, '');
      if (NOT_SECRET.test(value)) continue;
      const start = m.index + m[0].length - m[1].length;
      spans.push({ type: 'SECRET', start, end: start + value.length, score: 0.85 });
    }
  return spans;
};
