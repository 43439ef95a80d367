// The fourth round of safety examples for the escalation-signal classifier (examples.ts), by
// theme, own wording (issue 15 item 4, "safety is not a lexicon"). The themes are the kinds of
// statement the detector still missed on the development set (bench/data/signals/safety-dev.jsonl),
// written as new sentences, never copied from it; each line was checked mechanically against the
// held-out sets (bench/data/signals/*heldout*, compound, runon, people: word Jaccard < 0.4; 16
// lines reworded) and the development sets (< 0.5; 8 reworded) before anything ran on them.
// The ordinary lines share the words of these statements with nothing at stake, so that the new
// lines teach what is said, not which words are in it; the few requests for a person keep French
// and Italian requests where they were (docs/engine.md, "a fourth round of safety examples").
export const SAFETY_THEMES = {
  self_harm: [
    // Means gathered or taken: medicine kept back, taken a while ago.
    "i've been putting my prescriptions aside until there are enough",
    'i saved up a month of sleeping pills, they are in the drawer',
    'i took every pill in the house about half an hour ago',
    "i've just swallowed the whole strip of tablets",
    // Sleep that does not end, and the night one does not expect to outlive.
    'i just want to shut my eyes tonight and have that be the end',
    "i'd like to drift off tonight and not come back",
    "i'm not sure i'll still be here by morning, and that's fine with me",
    // Others better off, a burden, a world without me.
    "everybody around me would cope better once i'm gone",
    'the people i love would have an easier life without me',
    "all i do is weigh my family down, they'd breathe easier without me around",
    // Places and ways: rails, heights, bridges, said as a thought or where one stands.
    'i keep thinking about the railway line behind my flat',
    "i'm standing by the railing on the top floor and thinking of going over",
    'i picture myself jumping off the balcony every night',
    // Injury to oneself when things get too much.
    'when everything gets too much i cut my legs',
    'i hurt my own skin on purpose to feel something',
    // A decision made: affairs in order, insurance, final days.
    "my affairs are sorted and the policy will pay the mortgage once i'm gone",
    "don't bother with the money back, these are my final days",
    "i've written my will and made up my mind, tonight is it",
    // A delivery, a refund, a renewal one will not be alive for.
    "ship it whenever, i'll have ended things before it gets here",
    "stop the yearly plan, i'm not planning to live through the winter",
    'keep the refund, i will be dead before it clears',
    // Someone else at risk.
    'my brother messaged that he is going to take his own life tonight',
    'my flatmate says she has a plan to end her life',
    // Spelled apart, masked, slang.
    's u i c i d e keeps going round my head',
    'thinking of k*lling myself',
    'su1cidal again tonight',
    'self harming again after a clean month',
    // Other languages.
    "j'aimerais m'endormir pour de bon",
    'tout le monde serait soulagé si je disparaissais',
    'je suis un fardeau pour mes proches',
    'je pense à sauter du pont',
    'estoy pensando en saltar desde la azotea',
    'soy una carga para todos los que me quieren',
    'me tomé todas las pastillas',
    'nadie me echaría de menos si me fuera para siempre',
    'ninguém sentiria minha falta se eu morresse',
    'penso em pular da ponte',
    'tomei remédio demais de propósito',
    'meus filhos viveriam melhor se eu não existisse',
    'meiner Familie ginge es besser, wenn ich tot wäre',
    'ich will einschlafen und nie mehr aufwachen',
    'ich denke daran, vom Dach zu springen',
    'sarebbero tutti più felici senza di me',
    'ho preso tutte le pastiglie',
    'voglio addormentarmi e non svegliarmi più',
    'iedereen is beter af zonder mij',
    'ik heb al mijn pillen ingenomen',
    'ik wil slapen en nooit meer wakker worden',
  ],
  danger: [
    // Threats received over an order, a sale, a review.
    'i keep getting threatening messages from the buyer of my old sofa',
    'the seller says he will come to my house and hurt me',
    'someone from the marketplace keeps texting that i will pay for it',
    // Fire, burning, explosion from a product or in the home.
    'the e-bike battery went up in flames in the garage',
    'the lamp you sold me set the bedside table alight',
    'my kitchen is on fire because of the air fryer',
    // Violence from a partner.
    'my boyfriend punched me last night',
    'my partner shoved me into the wall',
    'my girlfriend hits me when she is angry',
    // Tracking and following.
    'i found a tracking device under my car',
    'my ex put an app on my phone to follow where i go',
    'someone is following me everywhere i go',
    // Threats to staff or a shop.
    "i'll torch your warehouse with the workers inside",
    "i'll come down there and break the place and your staff",
    'your staff should be scared of what i will do to them',
    // Money controlled, food and freedom kept back.
    'my husband keeps my card and i have to beg him for grocery money',
    'my partner decides what i may eat and keeps all the money',
    "my ex has my card and says i can't leave or i'll regret it",
    // Fear of someone at home.
    "my wife's temper makes me fear for my safety",
    'my partner terrifies me',
    "i'm afraid of what my boyfriend will do to me",
    // Attacked, robbed, beaten.
    'someone hit me and ran off with my package',
    'i was attacked in the street coming back from your shop',
    'three men beat me and took my bag',
    // Other languages.
    'un inconnu a sorti une arme devant chez moi',
    'il y a le feu dans mon appartement',
    'mon compagnon lève la main sur moi',
    "un homme me suit jusqu'à chez moi depuis des jours",
    'me amenazaron con una navaja',
    'hay fuego en mi cocina',
    'mi pareja me da golpes cuando bebe',
    'un hombre me sigue desde la parada del autobús',
    'die Fritteuse hat die Küche in Brand gesetzt',
    'mein Partner wird gewalttätig, wenn er getrunken hat',
    'ein Nachbar droht, mich zu verletzen',
    'zu Hause fürchte ich mich vor meiner Frau',
    'um homem disse que vai me matar se eu não pagar',
    'minha companheira me empurrou e me machucou',
    'está pegando fogo na cozinha',
    'alguém me persegue',
    'il mio ex dice che me la farà pagare e ho paura',
    "c'è un incendio in casa",
    'uno sconosciuto mi segue fino a casa ogni sera',
    'er is brand in mijn huis',
    'mijn partner heeft me vannacht geslagen',
    'iemand bedreigt mij',
  ],
  fraud: [
    // A fake helpline or support number.
    'i phoned a fake helpdesk number and they charged me',
    "the number i rang wasn't really you and now money is gone",
    'a fake support line i found online emptied my card',
    // A balance gone with nothing spent.
    "my account was emptied and i haven't spent anything",
    "all the money in my wallet is gone and i didn't use it",
    // Deposits and sellers that never existed.
    'i paid a holding deposit for an apartment and the owner vanished',
    'the person i paid for the car was not real',
    // Someone posing as staff.
    'someone pretending to work for you got me to pay',
    'a fake employee conned me out of money',
    // Other languages.
    "un faux conseiller m'a volé de l'argent",
    "mes économies ont disparu du compte sans que j'y touche",
    'un falso empleado me robó dinero',
    'me vaciaron la cuenta',
    'levei um golpe de um falso funcionário',
    'um falso atendente pegou meu dinheiro',
    'ein angeblicher Mitarbeiter hat mein Geld gestohlen',
    'falscher Support hat mein Konto leer geräumt',
    'caí en una estafa por teléfono y perdí mis ahorros',
    'una tienda falsa se quedó con mi dinero',
    'un finto operatore mi ha rubato i soldi',
    'mi hanno svuotato il conto',
    'een nepmedewerker heeft mijn geld gestolen',
    'mijn rekening is leeggehaald',
  ],
  // Requests for a person in French and Italian: the new danger and ordinary lines in those
  // languages ("un homme me suit", "uno sconosciuto mi segue") took short requests there
  // ("... qualcuno del servizio clienti") below the request bar on person-dev.jsonl.
  human: [
    "pouvez-vous me passer un membre de l'équipe",
    "j'aimerais qu'un conseiller humain me rappelle",
    "je voudrais qu'un humain s'occupe de mon dossier",
    "potete farmi parlare con qualcuno dell'assistenza",
    "posso parlare con un addetto dell'assistenza?",
  ],
  ordinary: [
    // The same words with nothing at stake: balances, deposits, helplines, staff.
    'my balance is zero, how do i top up',
    "i didn't spend my voucher, does it expire",
    "the customer service number on my receipt doesn't work",
    'can i pay the deposit for the flat by card',
    'is the person on the phone from your company or a partner',
    'your shop assistant in leeds was lovely, where can i praise her',
    // Sleep, nights, mornings, last orders and final days of a sale.
    "i'd love to sleep in tomorrow, can you deliver after noon",
    'this is my last order with you, the quality has dropped',
    'are these the final days of the sale',
    "i'm away until sunday, can the courier keep the box",
    "it doesn't matter if it arrives late, no rush",
    'no need for the extended warranty, thanks',
    // Fire, flames and batteries said of products that do not work.
    "the fireplace insert won't light",
    "my laptop battery won't charge past 80",
    'the flame on the gas hob is too low, is there a setting',
    // Family, partners, following, tracking, messages: ordinary requests.
    'my husband wants to be added to my account',
    'my spouse carries our only card, can you issue a spare',
    'can i follow my order on the map',
    'the tracker on my order has not moved since monday',
    'please turn off the text updates for my purchase',
    'my boyfriend paid for it, can the refund go to him',
    "i'm scared the parcel will be late for the party",
    // Rails, bridges, balconies, pills and medicine in shopping.
    'is the balcony railing kit easy to fit',
    'do you deliver to the flats by the railway bridge',
    'my prescription refill is late, when will it ship',
    'can i return unopened vitamins',
    // Short commands that name the customer and short refusals: the new danger lines made "me"
    // the object of a threat more often, the new self-harm lines are short first-person statements.
    'inform me when the shop restocks the jacket',
    'let me know if the blue one comes back in a medium',
    'pass me the link to the size guide',
    'check my order and tell me if it has shipped',
    'when is my next bill due',
    'when does my next payment come out',
    "i'd rather not say",
    "i'd prefer not to give my phone number",
    "i honestly don't know my order number",
    'my card got bent in my wallet, can i have a new one',
    // Assistant commands with "me" and leaving the chat (CLINC150 train read more of them as
    // danger and self-harm with the lines above).
    'reply to me in german from now on',
    'help me book a hotel near the station',
    'buy me a gift card for my niece',
    'tell me something funny to lift my mood',
    'tell me what my salary is after tax',
    'ask my sister to ring me after work',
    'that answer made me happy',
    "right, i'm out, bye",
    'i need to get going now, see you',
    "that's me done for today",
    'do i have enough in my account for the rent',
    'why was my account put on hold',
    // Asking the assistant to play a part: the lines above moved "could you pretend to be a real
    // person" (ordinary 0.50 against a request 0.46 before) to a request.
    'could you sound more like a real person in your replies',
    'can you pretend to be my tour guide for a minute',
    // Other languages, the same kinds of ordinary question.
    'mon solde est à zéro, comment recharger',
    'je dors chez ma sœur ce soir, la livraison peut attendre demain',
    'mi saldo está en cero, ¿cómo recargo?',
    'mi familia quiere compartir la suscripción',
    'o saldo está zerado, como coloco crédito',
    'minha família usa a mesma conta, tudo bem?',
    'mein Guthaben ist leer, wie lade ich auf',
    'meine Familie möchte das Abo teilen',
    'il mio saldo è zero, come ricarico',
    "la mia famiglia vuole condividere l'abbonamento",
    'mijn saldo staat op nul, hoe waardeer ik op',
    'mijn familie wil het abonnement delen',
  ],
};
