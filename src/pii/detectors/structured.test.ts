import { describe, expect, it } from 'vitest';
import { detect } from '../detect.ts';
import { piiSettingsSchema } from '../settings.ts';

/** The (type, text) pairs detect() finds in a text, for table tests. */
function found(text: string, locale = 'en'): Array<[string, string]> {
  return detect(text, piiSettingsSchema.parse({ locale })).map((s) => [s.type, text.slice(s.start, s.end)]);
}

type Row = [text: string, type: string, value: string];

function table(name: string, positives: Row[], negatives: string[], locale = 'en') {
  describe(name, () => {
    it.each(positives)('finds %j', (text, type, value) => {
      expect(found(text, locale)).toContainEqual([type, value]);
    });
    it.each(negatives)('finds nothing of the kind in %j', (text) => {
      const types = new Set(positives.map(([, type]) => type));
      expect(found(text, locale).filter(([type]) => types.has(type))).toEqual([]);
    });
  });
}

table(
  'EMAIL',
  [
    ['write to anna.berg+support@example.co.uk today', 'EMAIL', 'anna.berg+support@example.co.uk'],
    ['mail: JÖRG@müller.de', 'EMAIL', 'JÖRG@müller.de'],
    ['it is john dot smith at gmail dot com', 'EMAIL', 'john dot smith at gmail dot com'],
    ['reach me at john [at] example [dot] org', 'EMAIL', 'john [at] example [dot] org'],
  ],
  ['look at this dot com', 'version v1.2@3.4', 'we met at noon', 'follow @baton on social'],
);

table(
  'PHONE',
  [
    ['Call +44 20 7946 0958 now', 'PHONE', '+44 20 7946 0958'],
    ['phone: (212) 736-5000', 'PHONE', '(212) 736-5000'],
    ['Fax: +46 (0)8 928 571 38', 'PHONE', '+46 (0)8 928 571 38'],
    ['mobile 60-56-85-91', 'PHONE', '60-56-85-91'],
    ['Office 345-899-3560x4587', 'PHONE', '345-899-3560x4587'],
    ['07700 900123', 'PHONE', '07700 900123'], // a UK mobile in an "en" text, no cue word
    ['or 07911 123456 after six', 'PHONE', '07911 123456'],
  ],
  ['order 1234567 shipped', 'order 07700 900123', 'on 2023-12-01 at 10:30', 'paid 12/05/2023', 'my order number is 12345678901'],
);

table('PHONE (de)', [['Ruf mich an: 030 12345678', 'PHONE', '030 12345678']], ['Bestellnummer 4711'], 'de');

table(
  'CARD',
  [
    ['card 4111 1111 1111 1111 please', 'CARD', '4111 1111 1111 1111'],
    ['MC 5500-0000-0000-0004', 'CARD', '5500-0000-0000-0004'],
    ['amex 378282246310005', 'CARD', '378282246310005'],
    ['my card # 6011111111111117', 'CARD', '6011111111111117'],
    ['credit card number is 675984103431', 'CARD', '675984103431'],
  ],
  [
    'order 4111111111111111 has shipped', // Luhn-valid, but an order number
    'tracking number 4111 1111 1111 1111',
    'invoice 1234 5678 9012 3456', // not Luhn-valid
    'ref 9111111111111111111', // no issuer starts with 9
    'number 123456789012', // 12 digits without a card cue
  ],
);

table(
  'IBAN',
  [
    ['IBAN DE89 3704 0044 0532 0130 00 thanks', 'IBAN', 'DE89 3704 0044 0532 0130 00'],
    ['my iban is gb82west12345698765432', 'IBAN', 'gb82west12345698765432'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'IBAN', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['NL91ABNA0417164300.', 'IBAN', 'NL91ABNA0417164300'],
  ],
  ['DE89 3704 0044 0532 0130 01', 'XX89370400440532013000', 'GB82WEST1234569876543'],
);

table(
  'national ids',
  [
    ['My SSN is 123-45-6789', 'SSN', '123-45-6789'],
    ['social security number 123456789', 'SSN', '123456789'],
    ['it is 536901234, thanks', 'SSN', '536901234'], // bare nine digits, valid area and group, nothing says otherwise
    ['NI number AB 12 34 56 C', 'NINO', 'AB 12 34 56 C'],
    ['Codice fiscale RSSMRA85T10A562S', 'NATIONAL_ID', 'RSSMRA85T10A562S'],
    ['DNI 12345678Z', 'NATIONAL_ID', '12345678Z'],
    ['NIE X1234567L', 'NATIONAL_ID', 'X1234567L'],
    ['numéro de sécurité sociale 1 84 12 76 451 089 46', 'NATIONAL_ID', '1 84 12 76 451 089 46'],
    ['Steuer-ID 86095742719', 'NATIONAL_ID', '86095742719'],
    ['BSN 111222333', 'NATIONAL_ID', '111222333'],
  ],
  [
    'SSN 000-12-3456', // area 000 is never issued
    'SSN 666-12-3456',
    'ticket 123456789', // bare nine digits, a word saying what else they are
    'my order # 536901234 is late',
    '536901234 is my order number',
    'it is 900123456', // area 900+ is never issued
    'NI number QQ 12 34 56 C', // Q never starts a NINO
    'DNI 12345678A', // wrong control letter
    'Codice fiscale RSSMRA85T10A562T',
    'Steuer-ID 86095742718',
    'BSN 111222334',
    'order 111222333', // elfproef-valid, but no id cue
  ],
);

table(
  'IP',
  [
    ['blocked from 41.173.96.26 today', 'IP', '41.173.96.26'],
    ['client_ip = ?%//!%20\\|19.253.176.22|%20/', 'IP', '19.253.176.22'],
    ['v6 2001:db8::1 works', 'IP', '2001:db8::1'],
    ['mapped ::ffff:192.0.2.1', 'IP', '192.0.2.1'],
  ],
  ['999.1.1.1', 'version 1.2.3.4', 'at 10:30:00', 'pi is 3.14.15'],
);

table(
  'DATE_OF_BIRTH',
  [
    ['I was born on 12 March 1985', 'DATE_OF_BIRTH', '12 March 1985'],
    ['DOB: 1985-03-12', 'DATE_OF_BIRTH', '1985-03-12'],
    ['geboren am 12.03.1985 in Köln', 'DATE_OF_BIRTH', '12.03.1985'],
    ['date of birth: March 12, 1985', 'DATE_OF_BIRTH', 'March 12, 1985'],
    ['née le 3 février 1990', 'DATE_OF_BIRTH', '3 février 1990'],
  ],
  ['the order arrived on 12 March 2024', 'invoice date 2024-01-31', 'call me on 12.03.'],
);

table(
  'SECRET',
  [
    ['my password is hunter22, can you reset it?', 'SECRET', 'hunter22'],
    ['Passwort: Sommer2024', 'SECRET', 'Sommer2024'],
    ['key AKIAIOSFODNN7EXAMPLE leaked', 'SECRET', 'AKIAIOSFODNN7EXAMPLE'],
    [`token ghp_${'a'.repeat(36)}`, 'SECRET', `ghp_${'a'.repeat(36)}`],
    ['db postgres://baton:s3cret@db.example.com/baton', 'SECRET', 'postgres://baton:s3cret@db.example.com/baton'],
  ],
  ['I forgot my password', 'my password is not working', 'reset your password please'],
);

table(
  'DRIVER_LICENSE',
  [
    ["My driver's license number is F162823540116", 'DRIVER_LICENSE', 'F162823540116'],
    ['driving licence: MORGA657054SM9IJ', 'DRIVER_LICENSE', 'MORGA657054SM9IJ'],
    ['Führerschein Nr. B072RRE2I55', 'DRIVER_LICENSE', 'B072RRE2I55'],
  ],
  ["my driver's license expired", 'license key ABCD'],
);

table(
  'POSTCODE',
  [
    ['my zip code is 35350', 'POSTCODE', '35350'],
    ['ZIP: 75534-030', 'POSTCODE', '75534-030'],
    ['postcode SW1A 1AA', 'POSTCODE', 'SW1A 1AA'],
    ['Ottawa K1A 0B1', 'POSTCODE', 'K1A 0B1'],
    ['PLZ 10115', 'POSTCODE', '10115'],
  ],
  ['I have 12345 points', 'room 4044'],
);
