// A message that announces a need without saying what it is: "I have a question", "hi, I need
// some help with my order", "tengo un problema con mi pedido", "ich habe eine Frage zu meiner
// Bestellung". No article can answer it and a person handed it knows no more than the bot: both
// would ask what the customer needs, so the bot asks, once (`decide.ts`). A message that says
// anything more ("I need help resetting my password", "a question about shipping to Canada") is
// not one. Announcements are a closed class of phrasing in each language, so word lists are the
// right tool: every word left after small talk must be a word of announcing (a need, a frame
// around it) or name a broad subject (an order, an account), and a need must be named.
import { besidesSmallTalk } from './social.ts';

// prettier-ignore
/** Words that name a need without saying it. */
const NEEDS = new Set([
  // en
  'question', 'questions', 'problem', 'problems', 'issue', 'issues', 'help', 'query', 'queries', 'enquiry', 'inquiry',
  'trouble', 'assistance', 'doubt', 'concern',
  // es
  'pregunta', 'preguntas', 'problema', 'problemas', 'duda', 'dudas', 'consulta', 'ayuda', 'ayudar', 'ayudarme', 'preguntar',
  // fr
  'probleme', 'problemes', 'souci', 'soucis', 'aide', "d'aide", 'aider', "m'aider", 'demande', 'renseignement', 'poser',
  // de
  'frage', 'fragen', 'hilfe', 'helfen', 'anliegen', 'anfrage',
  // pt
  'pergunta', 'perguntas', 'duvida', 'duvidas', 'ajuda', 'ajudar', 'questao',
  // it
  'domanda', 'domande', 'aiuto', 'aiutare', 'aiutarmi', 'dubbio', 'richiesta',
  // nl
  'vraag', 'vraagje', 'vragen', 'probleem', 'hulp', 'helpen',
]);

// prettier-ignore
/** The frame around an announced need: who has it, asking, politeness, what it is about. */
const FRAME = new Set([
  // en
  'i', "i've", "i'd", "i'm", 'ive', 'id', 'im', 'have', 'has', 'had', 'got', 'get', 'need', 'needed', 'want', 'would', 'like',
  'a', 'an', 'the', 'some', 'one', 'little', 'quick', 'small', 'simple', 'short', 'general', 'few', 'couple', 'of', 'to',
  'with', 'about', 'regarding', 'concerning', 'on', 'for', 'in', 'my', 'our', 'your', 'me', 'you', 'can', 'could', 'may',
  'please', 'pls', 'plz', 'there', 'is', "there's", 'theres', 'it', "it's", 'its', 'just', 'something', 'anything', 'urgent',
  'kindly', 'another', 'other', 'more', 'second', 'different', 'separate', 'also', 'too', 'and', 'so', 'well', 'oh', 'guys', 'team', 'everyone', 'folks', 'we', 'us', 'do', 'am', 'having', 'related', 'ask', 'asking', 'be', 'able',
  // es
  'tengo', 'tenemos', 'una', 'un', 'unos', 'con', 'sobre', 'de', 'del', 'mi', 'mis', 'el', 'la', 'los', 'las', 'por',
  'favor', 'necesito', 'quiero', 'quisiera', 'hacer', 'me', 'puede', 'puedes', 'podria', 'hay', 'tener', 'respecto', 'al',
  'pequena', 'rapida', 'una', 'otra',
  // fr
  "j'ai", 'je', 'une', 'un', 'de', 'des', 'du', 'sur', 'avec', 'mon', 'ma', 'mes', 'le', 'la', 'les', 'concernant', 'au',
  'sujet', 'besoin', 'voudrais', 'veux', 'svp', "s'il", 'vous', 'plait', 'pouvez', 'pourriez', 'petite', 'petit', 'rapide',
  "j'aurais", 'aurais', 'ai', 'a', "d'un", "d'une", 'y', "il", 'propos',
  // de
  'ich', 'habe', 'hatte', 'haette', 'eine', 'ein', 'einen', 'zu', 'mit', 'meiner', 'meinem', 'meinen', 'mein', 'meine',
  'der', 'die', 'das', 'dem', 'den', 'bitte', 'konnen', 'koennen', 'konnten', 'sie', 'mir', 'brauche', 'benotige', 'kurze',
  'kleine', 'wegen', 'zur', 'zum', 'bezuglich', 'gibt', 'es', 'ist', 'wir', 'haben', 'dringend', 'stellen',
  // pt
  'tenho', 'uma', 'um', 'com', 'sobre', 'o', 'os', 'as', 'meu', 'minha', 'meus', 'minhas', 'preciso', 'de', 'do', 'da',
  'por', 'favor', 'pode', 'podem', 'me', 'queria', 'quero', 'fazer', 'no', 'na', 'em', 'relacao', 'pequena', 'rapida',
  // it
  'ho', 'una', 'un', 'uno', 'con', 'su', 'sul', 'sulla', 'il', 'lo', 'la', 'mio', 'mia', 'miei', 'per', 'favore',
  'bisogno', 'di', 'del', 'della', 'puoi', 'potete', 'vorrei', 'fare', 'piccola', 'veloce', 'riguardo', 'al', 'alla', 'mi',
  // nl
  'ik', 'heb', 'hebben', 'een', 'met', 'over', 'mijn', 'de', 'het', 'graag', 'kunt', 'kun', 'u', 'je', 'me', 'mij',
  'nodig', 'wil', 'wou', 'stellen', 'kleine', 'korte', 'bij', 'van', 'voor', 'betreft', 'wat', 'iets', 'alstublieft', 'aub',
]);

// prettier-ignore
/** Broad subjects a need may be announced about: nouns, not what is to be done with them ("help me pay my bill" says it). */
const SUBJECTS = new Set([
  'order', 'orders', 'account', 'payment', 'payments', 'delivery', 'shipping', 'shipment', 'package', 'parcel', 'purchase',
  'subscription', 'membership', 'billing', 'bill', 'invoice', 'card', 'refund', 'refunds', 'return', 'returns', 'product',
  'products', 'item', 'items', 'login', 'password', 'booking', 'reservation', 'plan', 'transaction', 'charge', 'website', 'app',
  'pedido', 'pedidos', 'cuenta', 'pago', 'envio', 'factura', 'compra', 'producto', 'suscripcion', 'reembolso', 'devolucion',
  'commande', 'compte', 'paiement', 'livraison', 'facture', 'achat', 'produit', 'abonnement', 'remboursement', 'colis',
  'bestellung', 'konto', 'zahlung', 'lieferung', 'rechnung', 'kauf', 'produkt', 'abo', 'abonnement', 'ruckerstattung', 'paket',
  'encomenda', 'conta', 'pagamento', 'entrega', 'fatura', 'produto', 'assinatura', 'reembolso', 'pacote',
  'ordine', 'conto', 'spedizione', 'fattura', 'acquisto', 'prodotto', 'abbonamento', 'rimborso', 'pacco',
  'bestelling', 'betaling', 'levering', 'factuur', 'aankoop', 'pakket', 'abonnement', 'terugbetaling',
]);

/** More broad subjects than this ("a question about my order, the refund and the invoice") say what the need is about. */
const MAX_SUBJECTS = 2;
/** An announcement is short; a long message says more even in these words. */
const MAX_WORDS = 16;

/** Whether a normalised message announces a need without saying it. */
export function isOpener(normalized: string): boolean {
  const { kinds, rest } = besidesSmallTalk(normalized);
  // A question about the bot or a verdict on its answer is something said; thanks for help given
  // ("thank you for your help") close a need, thanks before a new one ("thanks, I have another
  // question") do not.
  if (kinds.has('identity') || kinds.has('capabilities') || kinds.has('disagree')) return false;
  if ((kinds.has('thanks') || kinds.has('bye')) && (rest[0] === 'for' || rest[0] === 'with')) return false;
  if (rest.length === 0 || rest.length > MAX_WORDS || !rest.some((w) => NEEDS.has(w))) return false;
  const others = rest.filter((w) => !NEEDS.has(w) && !FRAME.has(w));
  if (others.some((w) => !SUBJECTS.has(w))) return false;
  return others.length <= MAX_SUBJECTS;
}
