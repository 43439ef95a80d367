import { describe, expect, it } from 'vitest';
import { topicState } from './follow-up.ts';
import { correctionDetail } from './correction.ts';
import { slotValue } from './fragment.ts';
import { normalize } from '../text/normalize.ts';
import { Bm25Index } from '../retrieve/bm25.ts';
import type { HistoryTurn } from '../types.ts';

// A small web-framework knowledge: "route", "request", "reply" and "server" are on every page
// (they name nothing on their own); "redirect", "docker", "decorator" or "order" on one each.
const pages = [
  ['Routes', 'Declare a route with a method, a url and a handler. The route options set the schema.'],
  ['Reply', 'reply.redirect sends a redirect to the client; the route handler uses the reply and the request.'],
  ['Server', 'The server listens on a host and port; inside docker listen on 0.0.0.0 so the server is reachable.'],
  ['Decorators', 'A decorator adds a property to the server, the request or the reply of a route.'],
  ['Hooks', 'Hooks run in order for each request: onRequest, preHandler, then the route handler and the reply.'],
  ['Logging', 'The logger writes each request and reply of a route; set the level per server.'],
  ['Shipping', 'Your order shipped when the tracking email arrives; how long delivery takes is on the request page of the server.'],
  ['Errors', 'An error in a route handler sends a reply with status 500 for the request on the server.'],
  ['Plugins', 'Plugins register routes and decorators on the server; each plugin can see the request and reply.'],
].map(([title, text]) => ({ title, text }));
const index = new Bm25Index(pages);
const topicWord = (t: string) => index.topical(t);
const knownWord = (t: string) => index.knows(t);
const history: HistoryTurn[] = [
  { role: 'customer', text: 'How do I set a request timeout?' },
  { role: 'bot', action: 'answer', text: 'Set the requestTimeout option on the server.' },
];
const state = (text: string) => topicState(text, history, topicWord, knownWord);

describe('topic words', () => {
  it('are the knowledge words rare enough to name a topic', () => {
    expect(index.topical('redirect')).toBe(true);
    expect(index.topical('docker')).toBe(true);
    expect(index.topical('rout')).toBe(false);
    expect(index.topical('request')).toBe(false);
    expect(index.topical('kubernetes')).toBe(false);
  });
});

describe('conversation state', () => {
  it.each([
    'how do I reset it?',
    'does it work on windows?',
    'can I change that per route?',
    'and for Germany?',
    'what about refunds?',
    'y para México?',
    'the /api route?',
  ])('"%s" continues the last topic', (text) => {
    expect(state(text).followUp).toBe(true);
  });

  it.each([
    'what status code does reply.redirect use if I do not give one?',
    'the server works on my machine but inside docker I cannot reach it',
    'how do I know that my order shipped?',
    'is there a decorator for the request?',
    'how do I set a request timeout?',
  ])('"%s" is a message of its own', (text) => {
    expect(state(text).followUp).toBe(false);
  });

  it('a pointer after only common words still points back', () => {
    // "route" and "request" are on every page: "it" has no referent inside the message.
    expect(state('what is the route for requesting it?')).toMatchObject({ followUp: true, why: 'points back ("it")' });
  });

  it('the word after "how" is part of the question, not a referent', () => {
    expect(index.topical('long')).toBe(true);
    expect(state('how long does it take?')).toMatchObject({ followUp: true, why: 'points back ("it")' });
  });

  it('the dummy "it" of "is it possible to…" points at the clause after it', () => {
    expect(state('is it possible to send a header after the reply has gone out?').followUp).toBe(false);
    expect(state("it's safe to call reply.send twice?").followUp).toBe(false);
    expect(state('is it possible?')).toMatchObject({ followUp: true, cue: 'pointer' });
  });

  it('a personal pronoun after a clause that names three things of the knowledge has its referent there', () => {
    // "route", "handler", "reply" are on every page: none names a topic, together they name the referent.
    expect(state('the route handler sends the reply but it never arrives').followUp).toBe(false);
    // "one" and "same" lean on something said before however much the clause names.
    expect(state('can the route handler send the reply with a different one?')).toMatchObject({
      followUp: true,
      why: 'points back ("one")',
    });
  });

  it('without knowledge every pointer points back', () => {
    expect(topicState('what status code does reply.redirect use if I do not give one?', history).followUp).toBe(true);
  });

  it.each([
    ['actually 6:30', '6:30'],
    ['make that tuesday', 'tuesday'],
    ['dad instead', 'dad'],
    ['jazz instead?', 'jazz'],
    ['actually, london', 'london'],
    ['no, 7:30', '7:30'],
  ])('"%s" corrects the previous request with "%s"', (text, detail) => {
    expect(state(text)).toMatchObject({ followUp: true, cue: 'correction' });
    expect(correctionDetail(text)).toBe(detail);
  });

  // Written from general knowledge of each language, not from any data set.
  it.each([
    ['es', 'en realidad, mañana', 'manana'],
    ['es', 'mejor a las 9', 'a las 9'],
    ['es', 'el martes en su lugar', 'el martes'],
    ['es', 'no, a las 9', 'a las 9'],
    ['fr', 'en fait, à Lyon', 'a lyon'],
    ['fr', 'plutôt demain', 'demain'],
    ['fr', 'mardi plutôt', 'mardi'],
    ['fr', 'non, 25', '25'],
    ['de', 'eigentlich um halb acht', 'um halb acht'],
    ['de', 'Berlin stattdessen', 'berlin'],
    ['de', 'lieber morgen', 'morgen'],
    ['de', 'nein, nach Berlin', 'nach berlin'],
    ['pt', 'na verdade, às 8', 'as 8'],
    ['pt', 'aliás, amanhã', 'amanha'],
    ['pt', 'não, 25', '25'],
    ['it', 'anzi, alle 9', 'alle 9'],
    ['it', 'domani invece', 'domani'],
    ['it', 'no, alle 9', 'alle 9'],
    ['nl', 'eigenlijk om 9 uur', 'om 9 uur'],
    ['nl', 'morgen liever', 'morgen'],
    ['nl', 'in plaats daarvan Utrecht', 'utrecht'],
    ['nl', 'nee, naar Amsterdam', 'naar amsterdam'],
    ['en', 'no, by bus', 'by bus'],
  ])('%s: "%s" corrects the previous request with "%s"', (_lang, text, detail) => {
    expect(state(text)).toMatchObject({ followUp: true, cue: 'correction' });
    expect(correctionDetail(text)).toBe(detail);
  });

  it.each([
    // "no" with words of its own is an answer; an apology is no correction; a question after a marker is one of its own.
    ['es', 'no gracias'],
    ['es', 'en realidad, ¿cómo cancelo mi pedido?'],
    ['fr', 'non merci'],
    ['fr', 'pardon pour le retard'],
    ['fr', 'en fait, comment annuler ma commande ?'],
    ['de', 'nein danke'],
    ['de', 'eigentlich, wie kann ich kündigen?'],
    ['pt', 'não obrigado'],
    ['it', 'no grazie'],
    ['it', 'veramente?'],
    ['nl', 'nee dank je'],
    ['nl', 'dat klopt toch?'],
  ])('%s: "%s" is no correction', (_lang, text) => {
    expect(correctionDetail(text)).toBeNull();
    expect(state(text).cue).not.toBe('correction');
  });

  it.each([
    'actually, how do I cancel my order?',
    'what can I use instead of butter?',
    'no good',
    "no, that's wrong",
    'sorry, can you repeat that?',
    'wait a minute',
  ])('"%s" is no correction (a question or an answer of its own)', (text) => {
    expect(correctionDetail(text)).toBeNull();
    expect(state(text).cue).not.toBe('correction');
  });

  it.each(['my checking?', "my wife's?", 'our savings?', '4.5 cups?', '1,000 dollars?'])(
    '"%s" asks about a thing or a value without saying what: a slot value of the previous request',
    (text) => {
      expect(state(text)).toMatchObject({ followUp: true, cue: 'slot' });
      expect(slotValue(normalize(text))).toBe('value');
    },
  );

  it.each([
    'by bus?',
    'with my visa?',
    'in euros?',
    'on saturday',
    'for six people?',
    'mit der Bahn?',
    'per e-mail?',
    'nach Berlin',
    'com cartão?',
    'naar Amsterdam?',
  ])('"%s" opens with a preposition: a phrase that fills a detail of the previous request', (text) => {
    expect(state(text)).toMatchObject({ followUp: true, cue: 'slot' });
    expect(slotValue(normalize(text))).toBe('phrase');
  });

  it.each([
    // A predicate of its own: a request or a clause, not a value.
    ['speak arabic', 'fragment'],
    ['the name is nick', 'fragment'],
    ['rescind', 'fragment'],
    // A noun phrase not asked about ("a show on broadway") is no value; nor is a complete question.
    ['a show on broadway', 'fragment'],
    ['how do I pay by card?', 'own'],
  ])('"%s" is no slot value', (text, cue) => {
    expect(slotValue(normalize(text))).toBeNull();
    expect(state(text).cue).toBe(cue);
  });

  it.each(['my luggage is lost', 'my name is nick', 'my checking', 'i need help?'])(
    '"%s" is a statement of its own (a verb, or no question asked)',
    (text) => {
      expect(state(text)).toMatchObject({ followUp: false, cue: 'own' });
    },
  );

  it('the first message of a conversation never continues anything', () => {
    expect(topicState('how do I reset it?', [], topicWord)).toEqual({ followUp: false, cue: 'first', why: 'first message' });
  });
});
