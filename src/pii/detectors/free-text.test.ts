import { describe, expect, it } from 'vitest';
import { detect } from '../detect.ts';

const found = (text: string) => detect(text).map((s) => [s.type, text.slice(s.start, s.end)]);
const ofType = (text: string, type: string) =>
  found(text)
    .filter(([t]) => t === type)
    .map(([, v]) => v);

describe('ADDRESS', () => {
  it.each([
    ['I live at 221B Baker Street, London NW1 6XE', '221B Baker Street, London NW1 6XE'],
    ['Ich wohne in der Hauptstraße 5, 10115 Berlin', 'Hauptstraße 5, 10115 Berlin'],
    ['Envoyez-le au 12 rue de la Paix, 75002 Paris', '12 rue de la Paix, 75002 Paris'],
    ['The restaurant is at 17151 2450 Crown St', '17151 2450 Crown St'],
    ['send it to Via Franscini 71, Tujetsch', 'Via Franscini 71, Tujetsch'],
    ['Meet me at PSC 1437, Box 3833\nAPO AA 66791', 'PSC 1437, Box 3833\nAPO AA 66791'],
    ['Mail it to P.O. Box 104 please', 'P.O. Box 104'],
    ['the bus drops you off at 74678 midtvollen 130 st.', '74678 midtvollen 130 st.'],
    ['stop at the corner of Pachergasse 64 and Radolič Harbor', 'the corner of Pachergasse 64 and Radolič Harbor'],
    ['ship order a1b2c3d4 to 12 Elm Street', '12 Elm Street'],
    ['Name\n\n41086 Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896', '41086 Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896'],
  ])('finds the address in %j', (text, address) => {
    expect(ofType(text, 'ADDRESS')).toEqual([address]);
  });

  it.each([
    'I have 3 dogs and 2 cats',
    'Windows 10 crashed on March 15',
    'Read Chapter 5 before Friday',
    'Room 4 is free',
    'We shipped 12 Items today',
    'Please send it via email',
    'bench 210 c0f76f28-88c5-4eeb-b34a-b3ed73491fd2',
    'order 161 3f373474-fab9-4bd9-8170-94c0e5a39174 never came',
    'tracking 448 1Z999AA10123456784 at the depot',
  ])('finds no address in %j', (text) => {
    expect(ofType(text, 'ADDRESS')).toEqual([]);
  });
});

describe('PERSON', () => {
  it.each([
    ["Call me on 0496 46 46 70, I'm Anna Berg", 'Anna Berg'],
    ['My name is Aantje Mourik but everyone calls me Aantje', 'Aantje Mourik'],
    ['my name is vitoria', 'vitoria'],
    ['Hello, this is Dr. Kyle Kuefer. Who are you?', 'Kyle Kuefer'],
    ['Mr. Leiva flew to LEPPEN on Tuesday morning.', 'Leiva'],
    ["Je m'appelle Marie Dupont", 'Marie Dupont'],
    ['Ich heiße Jürgen Müller', 'Jürgen Müller'],
    ['Directed By:    Sari J. Paavolainen', 'Sari J. Paavolainen'],
    ['follow up with patricia desrosiers in a couple of months.', 'patricia desrosiers'],
    ["What's your last name? Magnusson", 'Magnusson'],
    ['Bryce, can I please speak to your boss?', 'Bryce'],
  ])('finds the person in %j', (text, name) => {
    expect(ofType(text, 'PERSON')).toContain(name);
  });

  it('finds every name of a list once one of them is known', () => {
    expect(ofType('Our founders: Eklund, Michael and Hodge.', 'PERSON')).toEqual(['Eklund', 'Michael', 'Hodge']);
  });

  it('finds a surname again after it was seen in a full name', () => {
    expect(ofType('It was sung by Bonifacy Kaczmarek in 1977; Kaczmarek was young.', 'PERSON')).toEqual([
      'Bonifacy Kaczmarek',
      'Kaczmarek',
    ]);
  });

  it.each([
    'I need help with my order',
    'Thanks for your help, have a nice day!',
    'The United States and Canada are big',
    'Will you send the invoice in May?',
    'Allianz Insurance Group is a company',
    'Where is my parcel? It was due on Monday.',
  ])('finds no person in %j', (text) => {
    expect(ofType(text, 'PERSON')).toEqual([]);
  });
});
