/**
 * Common given names across the languages Baton's customers write in. Written from
 * general knowledge (no data set's names), grouped by language area for maintenance.
 * Names that are also everyday words ("Will", "Grace") are in AMBIGUOUS_NAMES and need
 * more evidence than the name alone.
 */
const GROUPS: string[] = [
  // English
  `james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald
 steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric
 jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
 tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith roger terry
 gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie
 alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis harry oliver jackson liam lucas
 owen luke isaac nolan caleb connor hunter cameron evan gavin ian colin seth shane trevor travis derek dustin cody
 chad brett craig todd troy marcus victor martin curtis lee leonard howard francis stanley theodore freddy fred
 mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley
 kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen amy
 angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine
 maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea
 cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia
 julia denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis
 lori jodi sheila sherry tina tracy wendy whitney zoe chloe ella ava mia lily grace sophie lucy holly jade molly
 ellie freya isla poppy daisy imogen amelia jasmine bethany caitlin kirsty leanne gemma hayley jodie kerry lindsay
 meagan megan moira naomi roxanne sheryl tammy vanessa yvonne carla erica erin gina jenna jill kristen leah lydia
 monica paula rosa sonia stacy tara valerie vera wanda rita nora edith mabel ethel irene agnes eleanor lillian
 gladys florence hazel esther beatrice clara iris ivy june penny priscilla bonnie connie dolores lorraine marcia
 shannon stacey suzanne terri tonya toni traci jamie casey riley taylor morgan avery peyton quinn reese rowan
 bradley clifford dale dean duane earl glenn gordon herbert jimmy johnny leon lloyd marvin melvin mike neil norman
 oscar phil rick ricky rodney ross russ sam shawn stuart ted tom tommy tony vernon warren wesley nathaniel maurice
 reginald ernest alvin allen barry bernard calvin cecil clarence darrell edwin elmer floyd franklin gilbert guy
 harvey herman hugh ivan jay jerome jim kurt lester lewis luther milton nelson perry ray roland rudy sidney sylvester
 wallace willard zack zachary adrian alec alfie archie barney bertie callum declan dominic elliot finn freddie harvey
 jake jamie joel kieran leo lewis max miles milo reuben rory ruben sebastian spencer toby tristan xavier 
 brad shane jodi dana cody corey kasey`,
  // German, Austrian, Swiss
  `hans peter klaus jürgen wolfgang helmut dieter gerhard günter horst manfred uwe bernd werner heinz karl walter
 rolf frank andreas stefan stephan thomas michael markus matthias christian martin jörg ralf sven torsten dirk jan
 tobias florian sebastian alexander philipp maximilian felix lukas jonas leon finn paul ben elias noah luis moritz
 niklas tim david fabian julian dominik simon marcel dennis patrick kevin daniel benjamin jannik jens kai lars nils
 ole till timo volker rüdiger reinhard friedrich heinrich hermann otto ernst fritz kurt ludwig georg johann josef
 franz anton konrad wilhelm gottfried ulrich detlef henning hartmut gunnar armin erwin egon elke ursula ute monika
 petra sabine susanne claudia andrea birgit gabriele karin heike katrin kerstin nicole stefanie stephanie anja
 christina julia laura lena lea hannah anna marie sophie mia emma lina johanna katharina franziska theresa
 vanessa jana jasmin svenja nadine melanie silke sandra tanja ines ingrid gisela helga renate brigitte margarete
 hildegard irmgard gertrud erika christa dagmar doris edith elfriede frieda greta hedwig ilse liesel lotte luise
 marlene rosemarie waltraud wiebke anke antje britta frauke imke insa maike meike silja uta gudrun heidi heike
 friederike mathilde charlotte clara emilia ida frida romy leni`,
  // French, Belgian, Swiss French, Quebec
  `jean pierre michel philippe alain jacques bernard patrick françois christophe nicolas laurent stéphane david éric
 frédéric olivier sébastien thierry pascal daniel christian didier gilles yves dominique sylvain julien guillaume
 jérôme vincent mathieu matthieu antoine romain thomas maxime alexandre benoît arnaud cédric damien fabrice franck
 gérard hervé hugues jean-pierre jean-claude jean-luc jean-marc jean-paul jean-michel joël lionel marc mickaël
 loïc ludovic luc régis rémi serge théo hugo louis gabriel raphaël arthur jules léo lucas adam nathan enzo clément
 baptiste bastien corentin florian quentin valentin benjamin kévin anthony jérémy mathis titouan tristan yann
 philippe marie nathalie isabelle sylvie catherine françoise christine monique valérie sandrine véronique
 sophie céline chantal nicole martine patricia stéphanie anne caroline virginie julie aurélie émilie élodie camille
 léa manon chloé emma inès jade louise alice lina rose anna mila julia zoé léna ambre juliette margaux mathilde
 pauline charlotte lucie clémence laure claire hélène agathe amélie brigitte colette danielle denise geneviève
 ginette jacqueline josiane liliane madeleine marcelle mireille odette paulette simone suzanne yvette solène
 océane noémie maëlle maëva clarisse adèle apolline capucine éloïse eugénie joséphine honorine héloïse gaëlle
 annick brigitte fanny florence gwénaëlle marine morgane murielle nadège noëlle perrine renée sabine ségolène`,
  // Spanish, Portuguese, Latin American
  `josé juan antonio manuel francisco luis miguel javier ángel carlos jesús david daniel pedro alejandro rafael
 fernando pablo sergio jorge alberto ramón enrique andrés diego vicente álvaro adrián óscar rubén iván raúl
 santiago mateo sebastián matías nicolás gonzalo ignacio joaquín emilio esteban felipe gustavo hernán hugo jaime
 julio lorenzo marcos mario martín osvaldo ricardo roberto rodrigo salvador tomás víctor xavier agustín alfonso
 armando arturo cristian eduardo gerardo guillermo héctor leonardo lucas marco mauricio orlando pascual patricio
 ramiro bruno caio davi enzo gabriel guilherme gustavo heitor joão leonardo lucas matheus miguel murilo pedro
 rafael samuel thiago vinícius arthur bernardo lorenzo rodrigo tiago diogo duarte afonso gonçalo nuno rui paulo
 luís sérgio vitor maría carmen josefa isabel ana dolores pilar teresa rosa francisca antonia mercedes
 lucía laura marta cristina paula elena raquel sara beatriz manuela rocío julia alba sofía valentina camila
 martina daniela gabriela mariana natalia andrea fernanda victoria ximena luciana renata florencia agustina
 catalina constanza jimena lorena macarena marisol milagros nerea noelia patricia silvia susana verónica yolanda
 ainhoa aitana alicia amparo ángela araceli consuelo encarnación esperanza estefanía eva gloria inmaculada irene
 juana lourdes luisa margarita marina miriam montserrat nuria olga remedios rosario soledad vanesa 
 maria ana francisca antónia adriana alessandra aline amanda bianca bruna carolina clara débora eduarda fabiana
 flávia gabriela giovana helena isabela jéssica juliana larissa leticia letícia lívia luana luiza marcela
 mariana natália patrícia priscila rafaela raquel sabrina simone tatiana thaís vitória yasmin inês
 joana matilde leonor beatriz mafalda marisa sílvia rita carla sandra susana vera cláudia graça fátima conceição
 julieta lidia liliana marisa rosalía soraya tamara zoe`,
  // Italian
  `giuseppe giovanni antonio mario luigi francesco angelo vincenzo pietro salvatore carlo franco domenico bruno paolo
 michele giorgio aldo sergio luciano alessandro andrea stefano roberto marco massimo maurizio fabio daniele davide
 simone matteo lorenzo leonardo riccardo gabriele tommaso edoardo federico filippo emanuele nicola alberto enrico
 claudio giancarlo gianluca gianni lucio luca massimiliano mauro nicolò piero raffaele renato rocco sandro silvio
 ugo umberto valerio vittorio ottavio dario elio fausto guido ivo livio lino nino orazio oreste pasquale
 maria anna giuseppina rosa angela giovanna teresa lucia carmela caterina francesca antonietta carla elena
 concetta rita margherita paola laura sara giulia chiara martina valentina alessia federica silvia elisa
 alessandra barbara cristina daniela donatella emanuela fabiola gabriella giorgia ilaria letizia lorena loredana
 manuela marina marta michela monica nadia patrizia raffaella roberta rossella sabrina serena simona stefania
 tiziana veronica viola aurora beatrice ginevra alice emma sofia greta noemi camilla bianca arianna matilde
 ornella graziella annunziata assunta immacolata filomena luisa marisa pina rosaria`,
  // Dutch, Flemish
  `jan johannes hendrik cornelis pieter willem gerrit jacobus dirk klaas kees henk piet joop wim hans bert cor
 jeroen sander bas thijs joost ruben niels stijn bram daan sem lars luuk milan jesse thomas tim koen wouter
 maarten martijn arjen erik frank marcel mark michiel rob roel ronald sjoerd tjeerd wessel youri jasper
 floris freek gijs hidde jelle jurre lieven pim rik siebe teun tijn vincent wout bart dries jef jens kobe
 maria johanna anna cornelia elisabeth hendrika wilhelmina geertruida adriana aaltje antje annie bep corrie
 dina fenna greet hennie ineke jannie joke kim lotte marieke mirjam monique petra renske saskia sanne femke
 fleur iris julia lieke lisa lotte maud noor roos sophie tess vera willemijn anouk esther ilse inge janneke
 karin linda marloes mieke nienke roos wendy yvonne marijke baukje froukje geesje`,
  // Nordic: Swedish, Norwegian, Danish, Icelandic, Finnish
  `lars anders johan erik per karl nils jan olof sven gustav magnus mikael peter thomas hans bengt bo björn göran
 leif ulf stefan mats fredrik henrik jonas daniel andreas oskar oscar william hugo elias alexander emil liam noah
 lucas viktor axel isak ludvig filip theo vincent arvid edvin elvin hampus ivar kalle linus melker nils olle
 rasmus sixten sigge tage torsten anton einar gunnar halvard haakon håkon knut kjell odd ole rune sigurd stig
 terje trond tor tore torbjørn vidar øystein morten jens søren niels mads rasmus kasper mikkel frederik christoffer
 jesper jakob casper tobias bjarne flemming poul preben palle aage arne egil finn helge jørgen kristian steffen
 jón sigurður guðmundur gunnar ólafur einar kristján magnús stefán jóhann björn árni halldór ragnar þór 
 matthías juha jukka matti mikko timo kari pekka antti ville sami jari markku heikki hannu
 petri janne tuomas lauri eero eino veikko aleksi joonas juho olli otto niko tapio toivo väinö ilkka kalevi
 maria anna margareta elisabeth eva kristina birgitta karin marie ingrid christina linnea sara emma maja elsa
 alice ella wilma ebba astrid saga selma agnes alva freja klara stella signe tove ylva åsa annika camilla
 caroline cecilia frida hanna helena ida johanna josefin julia lena lisa louise malin maria matilda moa nathalie
 sofia susanne therese ulla ulrika vera viktoria greta ingeborg solveig sigrid ragnhild gunhild kari liv marit
 randi tone turid hilde berit bente grete inger kirsten lene mette pia tina trine hanne dorthe lone susanne
 malene maja emilie laura freja ida clara mathilde sofie karoline guðrún sigríður kristín margrét helga
 anna jóhanna elín ingibjörg sólveig ásta hildur steinunn stefanía katrín ragnheiður bryndís
 aino aila anja anneli eija elina emmi hilkka irja kaija kaisa katja kirsi leena liisa maija marja minna
 niina outi päivi pirjo riikka ritva satu seija sirpa tarja terhi tiina tuula ulla eeva sari
 johanna pia heli henna jenni laura sanna noora emilia aada venla iida`,
  // Polish, Czech, Slovak
  `piotr krzysztof andrzej tomasz jan paweł michał marcin marek grzegorz józef łukasz adam zbigniew jerzy tadeusz
 mateusz dariusz mariusz wojciech ryszard kazimierz henryk rafał robert jacek kamil maciej sławomir stanisław
 janusz roman damian dawid bartosz szymon jakub kacper filip wiktor bogdan czesław leszek
 mieczysław wiesław zdzisław władysław bolesław przemysław radosław jarosław mirosław witold zygmunt
 anna maria katarzyna małgorzata agnieszka barbara krystyna ewa elżbieta zofia janina teresa joanna magdalena
 monika danuta jadwiga aleksandra halina irena beata marta dorota karolina natalia justyna renata jolanta
 urszula alicja grażyna bożena iwona wanda sylwia stanisława helena paulina wiesława 
 kinga weronika zuzanna julia oliwia maja lena hanna amelia gabriela martyna klaudia patrycja dominika
 jiří josef pavel jaroslav martin tomáš petr miroslav františek zdeněk václav karel milan michal lukáš jakub
 vojtěch ondřej matěj radek ladislav vladimír stanislav jindřich bohumil břetislav luboš marek ján juraj
 dušan ľubomír marián peter štefan vladimír jozef miroslav
 marie jana eva hana anna lenka kateřina věra lucie alena petra jaroslava ludmila helena veronika martina
 michaela tereza zuzana markéta monika barbora kristýna klára šárka eliška adéla anežka natálie irena ivana
 dagmar jiřina milada vlasta zdeňka božena kamila marcela radka jitka iveta romana blanka renata simona
 bohdana libuše olga iva ľudmila`,
  // Hungarian, Romanian
  `lászló istván józsef jános zoltán sándor gábor ferenc attila péter tamás zsolt tibor andrás csaba imre györgy
 balázs károly róbert mihály béla gyula dániel ádám bence dávid máté levente krisztián norbert ákos gergely
 miklós szabolcs viktor vilmos dezső ernő géza jenő kálmán lajos ödön tivadar
 mária erzsébet katalin ilona éva anna zsuzsanna margit judit ágnes andrea erika krisztina edit gabriella
 szilvia mónika irén eszter ildikó anita beáta rita tímea viktória nikolett dóra fanni réka zsófia petra
 hanna lili boglárka luca emma jázmin csilla enikő gyöngyi hajnalka henrietta kinga klára melinda noémi
 orsolya piroska rozália szabina tünde vera zita ibolya jolán etelka
 ion gheorghe vasile constantin ioan mihai dumitru nicolae alexandru andrei adrian florin marian cristian
 bogdan ionuț răzvan cătălin sorin ovidiu radu iulian valentin costel
 elena ioana andreea alexandra mihaela cristina daniela gabriela florentina simona adriana roxana raluca
 ionela monica oana bianca diana irina alina lavinia loredana mirela corina`,
  // Russian, Ukrainian, Belarusian, Baltic, Caucasus, Central Asia
  `aleksandr alexander sergei sergey dmitri dmitry andrei andrey alexei aleksei alexey ivan mikhail nikolai nikolay
 vladimir yuri yury oleg igor pavel viktor konstantin maxim maksim anatoly boris grigory leonid roman stanislav
 vadim valery vasily vyacheslav yevgeny evgeny artem artyom denis kirill ilya egor gleb timur ruslan rustam
 arkady arseny bogdan fyodor fedor gennady german innokenty lev matvey nazar platon rodion semyon
 stepan svyatoslav taras timofey vitaly yakov yaroslav zakhar dzmitry aliaksandr siarhei uladzimir
 oleksandr oleksiy volodymyr mykola mykhailo vasyl yuriy petro andriy dmytro serhiy bohdan ostap
 shamil magomed akhmed ramzan nurlan askar yerlan daulet timur aslan zaur
 anna elena olga tatiana tatyana natalia natalya irina svetlana maria marina ekaterina yekaterina yulia julia
 anastasia lyudmila galina nadezhda larisa valentina tamara nina lyubov vera zoya oksana alla inna lidia
 darya daria polina alina kristina ksenia sofia sofya veronika victoria viktoriya margarita alexandra
 yevgenia zhanna raisa rimma vasilisa uliana ulyana yana ilona lilia liliya
 madina aigul aizhan gulnara dinara kamila leila zarina 
 jānis andris juris mārtiņš kārlis tomas jonas mindaugas darius vytautas andrius rasa inga ieva laima
 rūta jūratė aušra egle eglė toomas jüri tõnu mart peeter kadri liis triin kati maarja`,
  // South Slavic, Greek, Turkish, Albanian
  `marko ivan luka petar nikola stefan milan dragan zoran goran dejan nenad miroslav branko slobodan aleksandar
 bojan darko đorđe dušan jovan miloš mladen nemanja predrag ranko srđan tomislav vladimir zlatko željko
 ante josip mate stipe krešimir hrvoje domagoj tihomir davor damir mario igor robert
 ana marija ivana jelena milica mirjana snežana dragana gordana vesna jasmina maja biljana danijela katarina
 tamara sanja tanja nataša ljiljana svetlana vera zorica nevena teodora jadranka marina mila
 nada dubravka božica kata ružica slavica spomenka višnja zdenka
 georgios giorgos konstantinos dimitrios ioannis nikolaos panagiotis vasileios christos athanasios michail
 evangelos spyridon antonios stavros theodoros kostas nikos yannis dimitris petros alexandros andreas
 maria eleni aikaterini vasiliki sofia angeliki georgia dimitra konstantina paraskevi anastasia despina
 eirini christina chrysoula zoe athina ioanna niki fotini stella
 mehmet mustafa ahmet ali hüseyin hasan ibrahim ismail osman yusuf murat ömer ramazan halil süleyman abdullah
 mahmut recep kemal emre burak serkan cem can kerem arda efe emir deniz berk mert onur
 fatma ayşe emine hatice zeynep elif meryem şerife sultan zehra hanife merve özlem esra büşra ebru hülya
 gül derya sibel aylin seda yasemin tuğba selin ceren ecem irem
 arben besnik dritan ermal fatos genc ilir kujtim lulzim agron blerina drita elira fjolla lindita mimoza`,
  // Arabic, Persian, Hebrew, South Asian
  `mohammed muhammad mohamed ahmed ahmad ali omar umar hassan hussein hussain ibrahim khalid abdullah abdul youssef
 yusuf mustafa karim kareem said saeed samir tariq walid waleed ziad hamza bilal faisal imran rashid nabil nasser
 mahmoud amir ayman adel fadi hani jamal kamal majid rami sami yasser zayd anas idris ismail malik reza
 hossein mehdi hamid farid dariush kaveh babak arash parviz
 fatima aisha khadija maryam mariam zainab zeinab layla leila noor nour amira yasmin jasmine salma hana huda
 rania dina lina sara samira nadia farah mona rana reem aya iman leen shirin parisa maryam nasrin
 david moshe yosef avraham yitzhak yaakov shlomo daniel eitan ariel noam omer itai yair gilad amit
 sarah rachel leah rivka miriam tamar noa shira yael maya tali michal
 raj rahul amit ajay vijay sanjay suresh ramesh rajesh mahesh anil sunil arjun rohan vikram arun ashok deepak
 manoj pradeep ravi sachin vivek aditya akash ankit anand harish kiran krishna mohan naveen nikhil prakash
 rakesh sandeep sanjeev satish shankar siddharth sunny varun vinod
 priya pooja anjali neha sunita anita kavita deepika divya lakshmi meena nisha rekha riya sapna shweta
 sneha swati usha geeta sita radha aarti asha jyoti kajal lata manisha preeti seema shalini`,
  // East Asian (romanised)
  `wei jie hao yang ming lei jun tao peng bo chen hui lin ling mei xin yan ying yu zhang li hua xiu fang
 hiroshi takashi kenji satoshi makoto akira yuki haruto takeshi kazuki kenta daiki sho shota ryo riku
 yuto sota yusuke daisuke hideki hiroki kazuo masato naoki shinji tetsuya tomohiro yoshiro 
 yoko yuko keiko akiko naoko tomoko kyoko mayumi yumi aiko hanako sakura yui hina aoi rin mio mai emi
 haruka misaki nanami ayaka asuka chihiro kaori megumi 
 minjun seojun jiho jihun hyunwoo junseo doyoon minho jisung sungmin taehyun jiwoo seoyeon jiwon minji
 soyeon yuna jiyeon eunji hyejin sujin`,
  // African, Caribbean and other
  `kwame kofi kojo kwabena yaw ama akosua abena adwoa efua chinedu emeka obinna ifeanyi chukwuemeka ngozi
 chioma adaeze amara nneka oluwaseun olumide babatunde adebayo temitope funmilayo yetunde sipho thabo
 themba bongani lerato naledi thandiwe nomvula zanele tendai tatenda farai rudo wanjiru wanjiku kamau otieno
 njeri achieng amani baraka imani juma neema zuri`,
];

/** Common given names that are also ordinary words in English or other languages. */
export const AMBIGUOUS_NAMES = new Set(
  `will may june april august mark bill rose grace hope faith joy summer dawn art pat sunny rich frank guy ray rob
  sue chance page penny holly ivy iris jade amber ruby pearl crystal autumn river sky star violet lily daisy
  jack max sam dean miles gene earl king prince major price lane cole rick nick chase drew hunter jay
  carol doris eve ella fern ginger hazel heather jean joan kay lee lynn olive rosa sandy sherry tina
  ana can deniz emir lin li yu bo hui jun ming ali said amir hana mai mei rin aoi jan per bo bent
  pia vera nina maya noa roman paul angel sole lucas`.split(/\s+/),
);

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Lower-case given names, with and without accents. */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  GROUPS.flatMap((g) => g.split(/\s+/))
    .filter(Boolean)
    .flatMap((n) => [n, stripAccents(n)]),
);

/** The set holds each name with and without accents, so "José" and "Jose" both match. */
export function isFirstName(word: string, lower = word.toLowerCase()): boolean {
  return FIRST_NAMES.has(lower);
}
