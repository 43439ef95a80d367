/**
 * Word lists the person detector uses besides given names: capitalised words that are
 * not names, organisation words, role nouns that announce a name, surname endings.
 * All general knowledge, lower case.
 */
const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Capitalised in text for grammar or layout, not because they are names. */
export const NOT_NAMES = words(`
  i i'm i'd i'll i've me my mine you your yours we our us he him his she her hers they them their it its
  this that these those the a an and or but nor so yet if then than as at by for from in into of off on onto out
  over to up upon with within without about above across after against along among around before behind below
  beneath beside between beyond during except inside near since through toward towards under until via
  what who whom whose why how when where which whatever whoever while whether
  is am are was were be been being do does did done have has had having can could would should will shall may
  might must let let's lets not no yes yeah yep nope ok okay oh ah hmm well also just only even still already
  hi hello hey dear thanks thank thx cheers regards best kind sincerely yours please sorry welcome goodbye bye
  good great nice fine sure true false new old big small first last next other another each every all any some
  many much more most few less least several both either neither none nothing something anything everything
  here there now today tomorrow yesterday tonight always never sometimes often again soon later
  unfortunately however therefore moreover meanwhile otherwise although though because unless whereas
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  name names address phone email e-mail mail website web site url date time subject fax mobile office desk tel
  telephone note notes re fwd fw bot user agent customer client answer question q a info information personal
  billing shipping account card order invoice number street suite apt apartment unit zip code postcode city
  country state region dob ssn iban id passport license licence password username login
  directed produced written starring featuring genre action adventure animation comedy drama family kids
  mystery suspense horror romance thriller documentary music song songs album track band movie film show
  mission statement summary profile experience education skills objective references
  mr mrs ms miss dr prof sir madam herr frau mme mlle sr sra
  bank team company support service services help desk helpdesk center centre department
  north south east west northern southern eastern western central upper lower new old saint st san santa
  january internet email google facebook twitter instagram linkedin whatsapp youtube amazon apple microsoft
  covid christmas easter halloween
`);

/** Countries, nationalities and languages: capitalised, often next to names, not names. */
export const PLACES_AND_NATIONALITIES = words(`
  afghanistan albania algeria america american americans andorra angola argentina armenia australia austria
  azerbaijan bahamas bahrain bangladesh belarus belgium belize benin bhutan bolivia bosnia botswana brazil
  bulgaria burundi cambodia cameroon canada chad chile china colombia congo croatia cuba cyprus czech czechia
  denmark djibouti ecuador egypt england estonia ethiopia europe european fiji finland france gabon gambia
  georgia germany ghana greece greenland guatemala guinea haiti honduras hungary iceland india indonesia iran
  iraq ireland israel italy jamaica japan jordan kazakhstan kenya korea kosovo kuwait laos latvia lebanon
  liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia mali malta mexico moldova monaco
  mongolia montenegro morocco mozambique myanmar namibia nepal netherlands holland zealand nicaragua niger
  nigeria norway oman pakistan palestine panama paraguay peru philippines poland portugal qatar romania russia
  rwanda scotland senegal serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria
  taiwan tanzania thailand togo tunisia turkey uganda ukraine uruguay uzbekistan venezuela vietnam wales
  yemen zambia zimbabwe africa asia antarctica arctic atlantic pacific kingdom united states emirates
  english british french german germans spanish italian dutch flemish swedish norwegian danish icelandic
  finnish polish czech slovak hungarian romanian bulgarian greek turkish russian ukrainian belarusian serbian
  croatian slovenian bosnian albanian estonian latvian lithuanian irish scottish welsh portuguese brazilian
  mexican canadian australian chinese japanese korean indian pakistani arab arabic persian iranian israeli
  jewish hebrew african european asian latin hispanic catholic christian muslim islamic buddhist hindu
  chechen greenlander icelander cypriot maltese
  london paris berlin madrid rome amsterdam brussels vienna prague warsaw budapest stockholm oslo copenhagen
  helsinki dublin lisbon athens zurich geneva munich hamburg milan barcelona new york chicago boston texas
  california florida toronto sydney tokyo moscow
`);

/** Words that make a capitalised run an organisation rather than a person. */
export const ORGANISATION_WORDS = words(`
  inc inc. llc ltd ltd. limited plc corp corp. corporation company co co. group holdings gmbh ag sa sas sarl
  bv nv oy ab as aps spa srl kg partners partnership associates bank banking capital insurance global
  international technologies technology tech solutions systems services consulting labs laboratories
  university college school institute foundation agency association society council committee ministry
  department office hospital clinic church museum library airlines airways motors media news networks network
  software industries enterprises ventures trust fund funds financial finance health healthcare pharma
  pharmaceuticals energy power transit transport logistics records studios studio entertainment weekly daily
  times post journal magazine press radio tv television channel force army navy police club fc united
  incorporated hotel hotels restaurant cafe store shop market markets
`);

/** Nouns that introduce a person: "producer James Sparks", "my kid Lukas", "Dr. Wells". */
export const ROLE_WORDS = words(`
  mr mrs ms miss mx dr doctor prof professor sir dame lord lady herr frau fräulein mme madame mlle mademoiselle
  monsieur m sr sra srta señor señora don doña dott dottore dottoressa sig sig.ra signor signora
  producer singer songwriter actor actress director author writer poet artist painter composer musician
  drummer guitarist player coach captain founder cofounder ceo cto cfo manager boss supervisor colleague
  coworker friend boyfriend girlfriend wife husband partner spouse fiancé fiancée son daughter kid child
  baby brother sister mother father mom mum dad grandmother grandfather grandma grandpa aunt uncle cousin
  nephew niece teacher nurse commenter customer client agent officer president minister senator judge lawyer
  attorney assistant secretary neighbour neighbor landlord tenant patient student reporter journalist
  spokesperson spokesman spokeswoman editor chairman chairwoman chef
`);

/** Surname endings typical of many languages: Andersson, Nielsen, Novák, Kowalski ... */
export const SURNAME_ENDING =
  /(?:sson|sen|son|dóttir|dottir|ová|ova|ski|ska|sky|ský|cki|cka|czyk|wicz|vich|ovich|evich|wski|wska|enko|chuk|czuk|ov|ev|eva|ić|vić|ović|escu|oglu|oğlu|ez|ães|inen|nen|berg|ström|strom|qvist|kvist|mann|stein|heim|shvili|adze|dze|yan|ian|akis|opoulos|poulos|idis|elli|etti|ucci|eau|eaux|ault|court|eiro|moto|mura|uchi|yama|kawa|hara|lund|holm|gaard|gård|bakken)$/;

/** Lower-case particles inside names: "Willemine ten Pas", "Ludwig van Beethoven". */
export const NAME_PARTICLES = words('van von der den de del della di da dos das du le la ten ter bin ibn al el mac st y zu');
