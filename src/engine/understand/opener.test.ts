import { describe, expect, it } from 'vitest';
import { isOpener } from './opener.ts';
import { normalize } from '../text/normalize.ts';

const opener = (text: string) => isOpener(normalize(text));

describe('a need announced but not said', () => {
  it.each([
    'I have a question',
    'help',
    'quick question',
    'I have another question',
    'thanks, I have another question',
    'one more question please',
    'hi, I need some help with an order',
    'Hello there, I have a question about my order',
    'I have a problem with my account',
    'can you help me please',
    'can I ask you a question about billing?',
    "I've got an issue with my delivery",
    'hey team, i need assistance with my subscription',
    'tengo un problema con mi pedido',
    "Bonjour, j'ai une question sur ma commande",
    'Hallo, ich habe eine Frage zu meiner Bestellung',
    'Olá, tenho uma dúvida sobre o meu pedido',
    'Ciao, ho un problema con il mio ordine',
    'Hoi, ik heb een vraag over mijn bestelling',
  ])('"%s"', (text) => expect(opener(text)).toBe(true));
});

describe('a need said, or no need at all', () => {
  it.each([
    // The need is said: what is wrong or what is wanted.
    'I need help resetting my password',
    'I have a question about shipping to canada',
    'can you help me pay my bill',
    'I have a problem: my parcel never arrived',
    'help me change the address on my order',
    'tengo un problema con el pago de mi pedido, me cobraron dos veces',
    // Small talk, thanks for help given, a request to repeat, a statement with no need named.
    'hi',
    'thank you for your help',
    'thanks for all the assistance',
    'could you ask the question again',
    'I ordered shoes last week',
    'are you a bot?',
  ])('"%s"', (text) => expect(opener(text)).toBe(false));
});
