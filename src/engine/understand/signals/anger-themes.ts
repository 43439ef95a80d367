// The fifth round of examples for the escalation-signal classifier (examples.ts), by theme, own
// wording (issue 15 item 4, escalation signals). Anger: the tone of a customer who has given up
// on the company, in the forms it takes in a support chat (profanity, sarcasm, shouting in
// capitals, threats to leave, typos, seven languages), mostly inside a complaint about an order,
// so that the tone and not the topic is what the class learns. Ordinary: short commands to an
// assistant naming the customer ("remind me", "text me", "tell me"), which the danger lines
// ("he follows me", "she hurts me") taught as danger on CLINC150, and remarks to the assistant
// about its own replies ("what you just said", "your answer"), which the anger lines addressed
// to "you" took to anger on CLINC150 train and val. Each line was checked
// mechanically against the held-out sets in bench/data/signals/ (word Jaccard < 0.4) before
// anything ran on it (docs/engine.md, "a fifth round: anger and commands with me").
export const ANGER_THEMES = {
  anger: [
    // Giving up on the company, threats to leave.
    "i'm closing my account and taking my money to a shop that actually cares",
    "that's it, you've lost a customer for life",
    'cancel everything, i never want to hear from your company again',
    'done with you people, i will tell all my friends to stay away',
    'after this mess i am switching to your competitor',
    // Worst ever, said in other words.
    'hands down the most useless company on the planet',
    'never in my life have i dealt with such an incompetent bunch',
    'easily the worst shop i have ever bought from',
    // Profanity and swearing inside a complaint.
    'for fucks sake, just answer the question',
    'what the fuck is taking so long with my parcel',
    'piss poor service from start to finish',
    'bloody useless, the same fault for the third time',
    'this damn app ate my payment and nobody cares',
    'holy shit you people are slow',
    // Sarcasm.
    'oh brilliant, another week of waiting, thanks a lot',
    'great, just great, the box came empty again',
    'wow, amazing service, three weeks and still nothing',
    "love how your staff can't do their job",
    'well done, you managed to mess up my order again',
    "oh sure, 'within 24 hours', it's been a week",
    // Shouting in capitals.
    'I AM SO DONE WITH THIS COMPANY',
    'ANSWER ME ALREADY',
    'WHAT A DISGRACEFUL WAY TO RUN A SHOP',
    'FIX IT NOW, I HAVE WAITED LONG ENOUGH',
    // Typos and texting.
    'ur service is total rubish m8',
    'this is so rediculous i cant even',
    'im so fed up wth u guys',
    'worst compny ever, never agian',
    'this stupid bot is a wast of my time',
    // Asking again and again, being ignored, being lied to.
    "i've written again and again and still no reply",
    'ten days without a word from you, pathetic',
    'stop feeding me excuses and do something',
    'every agent tells me a different lie',
    'three weeks and not one update, this is absurd',
    // Broken, wrong or late again; a family occasion spoiled.
    'second parcel smashed to bits, do you even care',
    'wrong item yet again, unbelievable incompetence',
    "you wrecked my son's party, the present never showed up, disgraceful",
    'i am furious, the package came soaked and ripped',
    // The tone around an everyday topic (a refund, a discount code, a size, a login), so that
    // the topic words, common in ordinary questions, do not outweigh it.
    'quit stringing me along about my refund money',
    'the discount code is broken again, what a joke',
    'ugh, is it really so difficult to get the sizes right',
    'so mad, my login fails every single day',
    "my parcel got flung into a puddle by the driver, i'm raging",
    'honestly, how is your shop still in business',
    // Other languages.
    'estoy hasta las narices de vuestro servicio',
    'sois unos inútiles, llevo semanas esperando',
    "trois semaines d'attente, vous vous moquez du monde",
    "j'en ai ras le bol de vous",
    "c'est une honte, personne ne répond jamais",
    'verdammt nochmal, wo bleibt mein geld',
    'ihr seid die schlechteste firma überhaupt',
    'ich habe die nase voll von euch',
    'estou farto desta empresa, ninguém resolve nada',
    'vocês são uma vergonha',
    'sono stufo, nessuno mi risponde mai',
    'servizio pessimo, non compro mai più da voi',
    'ik ben het helemaal zat met jullie',
    'wat een waardeloze bedoening',
  ],
  ordinary: [
    // Short commands naming the customer: an assistant task, nothing at stake.
    'remind me to water the plants at six',
    'remind me to pay the gas bill on friday',
    'text me the code again',
    'text me when my order is out for delivery',
    'email me a copy of my receipt',
    'tell me the weather for tomorrow morning',
    'tell me how many points i have',
    'tell me what time it is in tokyo',
    'show me the last three orders i placed',
    'send me the link to reset my password',
    'ping me once the summer sale begins',
    'give me the opening hours for sunday',
    'help me change my delivery address',
    'walk me through the return steps',
    'read me my account balance',
    'notify me when the refund arrives',
    'sign me up for the newsletter',
    'add me to the waiting list for the red boots',
    'put me down for a delivery on thursday',
    'order me another phone charger',
    'spell the word necessary for me',
    'quiz me on french verbs',
    'teach me how to set up the app',
    'let me see my saved cards',
    'get me details on my phone contract',
    'buy me those running shoes in size nine',
    'pull up the info on my car insurance for me',
    // Talking to the assistant about its own replies ("what you just said" read as anger).
    'say that again more slowly please',
    'your last reply was useful, thank you',
    'what kinds of things can you do for me',
    'could you go over that last part again',
    'was your previous answer about the blue or the red model',
    'what you wrote about delivery times was helpful',
    'that answer was spot on, thanks',
    'i think your reply about the fee is not quite right, can you check',
    'can you speak a bit louder',
    'what do you like to do for fun',
    'where are you from, bot',
    'from now on reply to me in spanish',
    'can an order be edited more than once',
    'what is twelve times seven',
    'what questions are you able to handle',
    'which topics am i allowed to ask you about',
    'will there be a long wait for a table at the bistro tonight',
    'do i have to wait long for the courier to come back',
    'you will need my order number and postcode, right',
  ],
};
