// Reference data for the demo and bulk seeds (src/server/db/seed.ts). Pure data, no I/O.
// Every name here is invented; any resemblance to a real firm is accidental.

export type Gender = 'F' | 'M'
export type Country = 'FR' | 'BE' | 'CH' | 'LU'
export type TeamName = 'Paris' | 'Lyon'

export interface FirstName {
  name: string
  gender: Gender
}

export interface City {
  city: string
  postalCode: string
  country: Country
  /** International prefix including the area digit, e.g. "+33 1". */
  phonePrefix: string
}

export interface Region {
  /** Complement used after a noun: "Caisse de Retraite des Artisans du Rhône". */
  of: string
  /** Feminine adjective: "Mutuelle Bretonne". */
  adjective: string
}

export interface OrganisationTemplate {
  type: 'INVESTOR' | 'SUPPLIER' | 'DISTRIBUTOR' | 'PARTNER' | 'OTHER'
  category: string
  weight: number
  /** Placeholders: {brand} {surname} {surname2} {region} {regionAdj} {profession} {city}. */
  names: string[]
}

export const DEMO_TEAMS: readonly TeamName[] = ['Paris', 'Lyon']

export interface DemoUser {
  email: string
  name: string
  role: 'ADMIN' | 'MANAGER' | 'SALES' | 'VIEWER'
  team: TeamName
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@demo.test', name: 'Alice Moreau', role: 'ADMIN', team: 'Paris' },
  { email: 'manager.paris@demo.test', name: 'Marc Lefebvre', role: 'MANAGER', team: 'Paris' },
  { email: 'sales.paris@demo.test', name: 'Sophie Bernard', role: 'SALES', team: 'Paris' },
  { email: 'viewer.paris@demo.test', name: 'Victor Lambert', role: 'VIEWER', team: 'Paris' },
  { email: 'camille.fournier@demo.test', name: 'Camille Fournier', role: 'SALES', team: 'Paris' },
  { email: 'julien.mercier@demo.test', name: 'Julien Mercier', role: 'SALES', team: 'Paris' },
  { email: 'claire.dubois@demo.test', name: 'Claire Dubois', role: 'SALES', team: 'Paris' },
  { email: 'manager.lyon@demo.test', name: 'Laure Girard', role: 'MANAGER', team: 'Lyon' },
  { email: 'sales.lyon@demo.test', name: 'Thomas Roux', role: 'SALES', team: 'Lyon' },
  { email: 'nicolas.faure@demo.test', name: 'Nicolas Faure', role: 'SALES', team: 'Lyon' },
  { email: 'emilie.chevalier@demo.test', name: 'Émilie Chevalier', role: 'SALES', team: 'Lyon' },
  { email: 'antoine.blanc@demo.test', name: 'Antoine Blanc', role: 'SALES', team: 'Lyon' },
]

export const FIRST_NAMES: readonly FirstName[] = [
  { name: 'Anne', gender: 'F' }, { name: 'Agnès', gender: 'F' }, { name: 'Amélie', gender: 'F' },
  { name: 'Aurélie', gender: 'F' }, { name: 'Béatrice', gender: 'F' }, { name: 'Camille', gender: 'F' },
  { name: 'Caroline', gender: 'F' }, { name: 'Catherine', gender: 'F' }, { name: 'Charlotte', gender: 'F' },
  { name: 'Claire', gender: 'F' }, { name: 'Delphine', gender: 'F' }, { name: 'Élise', gender: 'F' },
  { name: 'Émilie', gender: 'F' }, { name: 'Florence', gender: 'F' }, { name: 'Hélène', gender: 'F' },
  { name: 'Isabelle', gender: 'F' }, { name: 'Juliette', gender: 'F' }, { name: 'Laure', gender: 'F' },
  { name: 'Léa', gender: 'F' }, { name: 'Marie', gender: 'F' }, { name: 'Mathilde', gender: 'F' },
  { name: 'Nathalie', gender: 'F' }, { name: 'Pauline', gender: 'F' }, { name: 'Sandrine', gender: 'F' },
  { name: 'Sophie', gender: 'F' }, { name: 'Valérie', gender: 'F' }, { name: 'Virginie', gender: 'F' },
  { name: 'Zoé', gender: 'F' }, { name: 'Inès', gender: 'F' }, { name: 'Margaux', gender: 'F' },
  { name: 'Alexandre', gender: 'M' }, { name: 'Antoine', gender: 'M' }, { name: 'Arnaud', gender: 'M' },
  { name: 'Baptiste', gender: 'M' }, { name: 'Benoît', gender: 'M' }, { name: 'Bertrand', gender: 'M' },
  { name: 'Christophe', gender: 'M' }, { name: 'Damien', gender: 'M' }, { name: 'David', gender: 'M' },
  { name: 'Éric', gender: 'M' }, { name: 'Étienne', gender: 'M' }, { name: 'François', gender: 'M' },
  { name: 'Frédéric', gender: 'M' }, { name: 'Guillaume', gender: 'M' }, { name: 'Hugo', gender: 'M' },
  { name: 'Jérôme', gender: 'M' }, { name: 'Julien', gender: 'M' }, { name: 'Laurent', gender: 'M' },
  { name: 'Louis', gender: 'M' }, { name: 'Marc', gender: 'M' }, { name: 'Mathieu', gender: 'M' },
  { name: 'Maxime', gender: 'M' }, { name: 'Nicolas', gender: 'M' }, { name: 'Olivier', gender: 'M' },
  { name: 'Philippe', gender: 'M' }, { name: 'Pierre', gender: 'M' }, { name: 'Rémi', gender: 'M' },
  { name: 'Sébastien', gender: 'M' }, { name: 'Thibault', gender: 'M' }, { name: 'Yann', gender: 'M' },
]

export const LAST_NAMES: readonly string[] = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez',
  'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas',
  'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin',
  'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier',
  'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier', 'Jean', 'Perez', 'Marchand',
  'Dufour', 'Blanchard', 'Marie', 'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin',
  'Fernandez', 'Pierre', 'Renard', 'Arnaud', 'Rolland', 'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal',
  'Bourgeois', 'Renaud', 'Lemoine', 'Picard', 'Gaillard', 'Philippe', 'Leclercq', 'Lacroix', 'Fabre', 'Dupuis',
  'de Villeneuve', 'de La Roche', 'Delacroix', 'Beaumont', 'Montfort', 'Castel', 'Lacombe', 'Marceau',
]

/** Invented brand names for asset managers, banks and advisers. */
export const BRANDS: readonly string[] = [
  'Ardelis', 'Valmont', 'Orsay', 'Corbière', 'Hermine', 'Saint-Clair', 'Montclair', 'Aurige', 'Belvédère',
  'Cérès', 'Lumen', 'Pléiade', 'Orion', 'Arverne', 'Vauban', 'Colbert', 'Sully', 'Turgot', 'Mistral',
  'Odyssée', 'Alizé', 'Kéranos', 'Alcyon', 'Sirocco', 'Triskel', 'Vernier', 'Opaline', 'Sémaphore',
  'Boréal', 'Cassiopée', 'Équinoxe', 'Galilée', 'Héliade', 'Iroise', 'Jade', 'Lafayette', 'Médicis',
  'Nérée', 'Olympe', 'Pégase', 'Quartz', 'Rivoli', 'Sequana', 'Tramontane', 'Ulysse', 'Vendôme',
  'Zéphyr', 'Astrée', 'Bellerive', 'Capucine', 'Dauphine', 'Estérel', 'Florac', 'Garonne', 'Hélios',
  'Isère', 'Lugdunum', 'Marignan', 'Néréis', 'Oréade', 'Pavillon', 'Rochebrune', 'Solferino', 'Tivoli',
  'Valrose', 'Alcor', 'Bastide', 'Chambord', 'Durance', 'Étoile', 'Fleurus', 'Grésivaudan', 'Haussmann',
  'Ivoire', 'Lavallière', 'Montaigne', 'Oberkampf', 'Presqu’île', 'Richelieu', 'Sextant', 'Trocadéro',
]

export const PROFESSIONS: readonly string[] = [
  'Artisans', 'Médecins', 'Pharmaciens', 'Notaires', 'Avocats', 'Architectes', 'Agriculteurs',
  'Commerçants', 'Experts-Comptables', 'Chirurgiens-Dentistes', 'Vétérinaires', 'Professions Libérales',
  'Marins', 'Cheminots', 'Clercs de Notaire', 'Personnels Navigants', 'Infirmiers', 'Huissiers',
  'Kinésithérapeutes', 'Géomètres', 'Industries Métallurgiques', 'Travaux Publics',
]

export const REGIONS: readonly Region[] = [
  { of: 'du Rhône', adjective: 'Rhodanienne' },
  { of: 'de Bretagne', adjective: 'Bretonne' },
  { of: "d'Alsace", adjective: 'Alsacienne' },
  { of: 'de Normandie', adjective: 'Normande' },
  { of: 'de Provence', adjective: 'Provençale' },
  { of: "d'Auvergne", adjective: 'Auvergnate' },
  { of: 'de Savoie', adjective: 'Savoyarde' },
  { of: 'de Bourgogne', adjective: 'Bourguignonne' },
  { of: 'du Languedoc', adjective: 'Languedocienne' },
  { of: "d'Aquitaine", adjective: 'Aquitaine' },
  { of: 'de Lorraine', adjective: 'Lorraine' },
  { of: 'du Dauphiné', adjective: 'Dauphinoise' },
  { of: 'de Picardie', adjective: 'Picarde' },
  { of: "d'Île-de-France", adjective: 'Francilienne' },
  { of: 'du Nord', adjective: 'Nordiste' },
  { of: 'des Pays de la Loire', adjective: 'Ligérienne' },
  { of: 'de Champagne', adjective: 'Champenoise' },
  { of: 'du Limousin', adjective: 'Limousine' },
  { of: 'de Corse', adjective: 'Corse' },
  { of: 'du Béarn', adjective: 'Béarnaise' },
  { of: 'des Alpes', adjective: 'Alpine' },
  { of: 'de Touraine', adjective: 'Tourangelle' },
  { of: 'de Gascogne', adjective: 'Gasconne' },
  { of: 'du Poitou', adjective: 'Poitevine' },
]

export const ORGANISATION_TEMPLATES: readonly OrganisationTemplate[] = [
  // Investors: the institutions the firm raises money from.
  {
    type: 'INVESTOR', category: 'Caisse de retraite', weight: 9,
    names: [
      'Caisse de Retraite des {profession} {region}', 'Caisse Autonome de Retraite des {profession}',
      'Caisse de Prévoyance des {profession} {region}', 'Régime Complémentaire des {profession} {region}',
    ],
  },
  {
    type: 'INVESTOR', category: 'Mutuelle', weight: 7,
    names: ['Mutuelle {regionAdj}', 'Mutuelle des {profession} {region}', 'Mutuelle Générale {region}', '{brand} Mutuelle'],
  },
  {
    type: 'INVESTOR', category: 'Assureur', weight: 7,
    names: ['{brand} Assurances', '{brand} Vie', "Mutuelle d'Assurance {region}", '{surname} Assurances', "Compagnie {regionAdj} d'Assurances"],
  },
  {
    type: 'INVESTOR', category: 'Institution de prévoyance', weight: 3,
    names: ['Institution de Prévoyance {region}', '{brand} Prévoyance', 'Prévoyance des {profession}'],
  },
  {
    type: 'INVESTOR', category: 'Family office', weight: 6,
    names: ['Family Office {surname}', '{surname} & Associés Family Office', '{brand} Family Office', 'Maison {surname} Investissements'],
  },
  {
    type: 'INVESTOR', category: 'Fondation', weight: 4,
    names: ['Fondation {surname}', 'Fondation {brand} pour la Recherche', 'Fonds de Dotation {surname}'],
  },
  {
    type: 'INVESTOR', category: "Trésorerie d'entreprise", weight: 4,
    names: ['Groupe {surname} Industries', '{brand} Industrie', 'Coopérative Agricole {region}', 'Laboratoires {surname}'],
  },
  {
    type: 'INVESTOR', category: 'Institution religieuse', weight: 2,
    names: ['Association Diocésaine de {city}', 'Congrégation des Sœurs {region}', 'Œuvres Sociales {region}'],
  },
  // Suppliers: asset managers whose funds the firm distributes; names always carry the brand.
  {
    type: 'SUPPLIER', category: 'Société de gestion', weight: 16,
    names: [
      '{brand} Asset Management', '{brand} Gestion', '{brand} Investment Managers', '{brand} Capital',
      '{brand} AM', '{brand} Investissements', '{brand} Partners', '{brand} Gestion Privée',
    ],
  },
  {
    type: 'SUPPLIER', category: 'Gestionnaire immobilier', weight: 3,
    names: ['{brand} REIM', '{brand} Pierre Gestion', '{brand} Real Estate'],
  },
  {
    type: 'SUPPLIER', category: 'Private equity', weight: 2,
    names: ['{brand} Private Equity', '{brand} Capital Partenaires', '{brand} Croissance'],
  },
  // Distributors: the networks that sell funds on to end clients.
  {
    type: 'DISTRIBUTOR', category: 'CGP', weight: 9,
    names: ['Cabinet {surname} Patrimoine', '{brand} Patrimoine', '{surname} Conseil en Patrimoine', '{brand} Conseil', 'Patrimoine & {brand}'],
  },
  {
    type: 'DISTRIBUTOR', category: 'Banque privée', weight: 5,
    names: ['Banque Privée {surname}', 'Banque {surname} & Cie', '{brand} Banque Privée', 'Banque {regionAdj}'],
  },
  {
    type: 'DISTRIBUTOR', category: 'Multi-family office', weight: 3,
    names: ['{brand} Multi Family Office', '{surname} Frères & Associés'],
  },
  {
    type: 'DISTRIBUTOR', category: 'Plateforme', weight: 2,
    names: ['{brand} Plateforme', '{brand} Invest', '{brand} Courtage Vie'],
  },
  // Partners and others.
  {
    type: 'PARTNER', category: 'Cabinet de conseil', weight: 3,
    names: ['{surname} Consulting', '{brand} Conseil Investissement', '{brand} Advisory'],
  },
  {
    type: 'PARTNER', category: 'Dépositaire', weight: 2,
    names: ['{brand} Securities Services', '{brand} Dépositaire'],
  },
  {
    type: 'PARTNER', category: "Cabinet d'avocats", weight: 2,
    names: ['{surname} Avocats', '{surname} & {surname2} Avocats'],
  },
  {
    type: 'PARTNER', category: 'Fintech', weight: 2,
    names: ['{brand} Tech', '{brand} Data', '{brand} Solutions'],
  },
  {
    type: 'OTHER', category: 'Média', weight: 2,
    names: ['{brand} Finance Magazine', 'La Lettre {brand}', 'Revue {brand} Patrimoine'],
  },
  {
    type: 'OTHER', category: 'Association professionnelle', weight: 2,
    names: ['Association des {profession} {region}', 'Club Investisseurs {region}'],
  },
  {
    type: 'OTHER', category: "Organisateur d'événements", weight: 1,
    names: ['{brand} Événements', 'Rencontres {brand}'],
  },
]

export const PARIS_CITIES: readonly City[] = [
  { city: 'Paris', postalCode: '75008', country: 'FR', phonePrefix: '+33 1' },
  { city: 'Paris', postalCode: '75009', country: 'FR', phonePrefix: '+33 1' },
  { city: 'Paris', postalCode: '75016', country: 'FR', phonePrefix: '+33 1' },
  { city: 'Paris', postalCode: '75017', country: 'FR', phonePrefix: '+33 1' },
  { city: 'Paris', postalCode: '75002', country: 'FR', phonePrefix: '+33 1' },
  { city: 'Neuilly-sur-Seine', postalCode: '92200', country: 'FR', phonePrefix: '+33 1' },
  { city: 'Boulogne-Billancourt', postalCode: '92100', country: 'FR', phonePrefix: '+33 1' },
  { city: 'Levallois-Perret', postalCode: '92300', country: 'FR', phonePrefix: '+33 1' },
  { city: 'Courbevoie', postalCode: '92400', country: 'FR', phonePrefix: '+33 1' },
  { city: 'Versailles', postalCode: '78000', country: 'FR', phonePrefix: '+33 1' },
  { city: 'Saint-Germain-en-Laye', postalCode: '78100', country: 'FR', phonePrefix: '+33 1' },
  { city: 'Lille', postalCode: '59000', country: 'FR', phonePrefix: '+33 3' },
  { city: 'Rouen', postalCode: '76000', country: 'FR', phonePrefix: '+33 2' },
  { city: 'Rennes', postalCode: '35000', country: 'FR', phonePrefix: '+33 2' },
  { city: 'Nantes', postalCode: '44000', country: 'FR', phonePrefix: '+33 2' },
  { city: 'Caen', postalCode: '14000', country: 'FR', phonePrefix: '+33 2' },
  { city: 'Reims', postalCode: '51100', country: 'FR', phonePrefix: '+33 3' },
  { city: 'Orléans', postalCode: '45000', country: 'FR', phonePrefix: '+33 2' },
  { city: 'Tours', postalCode: '37000', country: 'FR', phonePrefix: '+33 2' },
  { city: 'Brest', postalCode: '29200', country: 'FR', phonePrefix: '+33 2' },
  { city: 'Strasbourg', postalCode: '67000', country: 'FR', phonePrefix: '+33 3' },
  { city: 'Amiens', postalCode: '80000', country: 'FR', phonePrefix: '+33 3' },
]

export const LYON_CITIES: readonly City[] = [
  { city: 'Lyon', postalCode: '69002', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Lyon', postalCode: '69003', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Lyon', postalCode: '69006', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Villeurbanne', postalCode: '69100', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Écully', postalCode: '69130', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Grenoble', postalCode: '38000', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Saint-Étienne', postalCode: '42000', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Annecy', postalCode: '74000', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Chambéry', postalCode: '73000', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Clermont-Ferrand', postalCode: '63000', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Dijon', postalCode: '21000', country: 'FR', phonePrefix: '+33 3' },
  { city: 'Besançon', postalCode: '25000', country: 'FR', phonePrefix: '+33 3' },
  { city: 'Marseille', postalCode: '13008', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Aix-en-Provence', postalCode: '13100', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Montpellier', postalCode: '34000', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Nice', postalCode: '06000', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Avignon', postalCode: '84000', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Valence', postalCode: '26000', country: 'FR', phonePrefix: '+33 4' },
  { city: 'Toulouse', postalCode: '31000', country: 'FR', phonePrefix: '+33 5' },
  { city: 'Bordeaux', postalCode: '33000', country: 'FR', phonePrefix: '+33 5' },
]

export const FOREIGN_CITIES: Readonly<Record<TeamName, readonly City[]>> = {
  Paris: [
    { city: 'Bruxelles', postalCode: '1000', country: 'BE', phonePrefix: '+32 2' },
    { city: 'Liège', postalCode: '4000', country: 'BE', phonePrefix: '+32 4' },
    { city: 'Luxembourg', postalCode: 'L-1724', country: 'LU', phonePrefix: '+352' },
  ],
  Lyon: [
    { city: 'Genève', postalCode: '1204', country: 'CH', phonePrefix: '+41 22' },
    { city: 'Lausanne', postalCode: '1003', country: 'CH', phonePrefix: '+41 21' },
    { city: 'Luxembourg', postalCode: 'L-2449', country: 'LU', phonePrefix: '+352' },
  ],
}

export const STREETS: readonly string[] = [
  'rue de la République', 'avenue Foch', 'boulevard Haussmann', 'rue du Faubourg Saint-Honoré',
  'quai du Président Roosevelt', 'rue de la Bourse', 'cours Lafayette', 'avenue Victor Hugo', 'rue Pasteur',
  'rue Nationale', 'avenue Jean Jaurès', 'rue de Rivoli', 'rue Garibaldi', 'quai Saint-Antoine',
  'rue Édouard Herriot', 'avenue Kléber', 'rue La Boétie', 'rue de Miromesnil', 'rue Royale',
  'place de la Madeleine', 'rue du Général de Gaulle', 'boulevard de la Liberté', 'rue des Halles',
  'avenue de la Gare', 'rue du Marché', 'place Bellecour', 'rue Saint-Ferréol', 'allée des Tilleuls',
  'rue Sainte-Catherine', 'boulevard Gambetta', 'avenue Montaigne', 'rue de Lille',
]

export const PERSONAL_EMAIL_DOMAINS: readonly string[] = ['gmail.com', 'orange.fr', 'free.fr', 'wanadoo.fr', 'laposte.net', 'outlook.fr']

export const ORGANISATION_EMAIL_LOCALS: readonly string[] = ['contact', 'info', 'accueil', 'investissements', 'secretariat', 'direction']

export const TAGS: readonly string[] = [
  'ISR', 'Prioritaire', 'Salon Patrimonia', 'Article 9', 'Article 8', 'Private equity', 'Immobilier',
  'Obligataire', "Appel d'offres", 'Grand compte', 'Nouveau contact', 'Relance T2', 'Rencontres AMF',
  'Label Greenfin', 'Dette privée',
]

export const ORGANISATION_NOTES: readonly string[] = [
  "Comité d'investissement trimestriel ; décisions en fin de trimestre.",
  "Allocation cible en cours de révision, privilégie les fonds labellisés ISR.",
  'Contact obtenu lors du Salon Patrimonia.',
  'Souhaite une rencontre avec les gérants avant toute souscription.',
  "Appel d'offres prévu au second semestre, cahier des charges à demander.",
  "Sensible aux frais : demander une part institutionnelle.",
  'Relation historique, renouvellement du mandat à préparer.',
  "Nouvelle direction financière depuis le début de l'année.",
  'Préfère être contacté par e-mail ; réunions uniquement le mardi.',
  "Budget d'investissement gelé jusqu'à nouvel ordre.",
]

/** Masculine and feminine forms of each job title. */
export const JOB_TITLES: readonly (readonly [string, string])[] = [
  ['Directeur des investissements', 'Directrice des investissements'],
  ['Directeur financier', 'Directrice financière'],
  ['Directeur général', 'Directrice générale'],
  ['Responsable de la gestion d’actifs', 'Responsable de la gestion d’actifs'],
  ['Gérant de portefeuille', 'Gérante de portefeuille'],
  ['Président', 'Présidente'],
  ['Secrétaire général', 'Secrétaire générale'],
  ['Trésorier', 'Trésorière'],
  ['Responsable ALM', 'Responsable ALM'],
  ['Analyste investissements', 'Analyste investissements'],
  ['Conseiller en gestion de patrimoine', 'Conseillère en gestion de patrimoine'],
  ['Directeur commercial', 'Directrice commerciale'],
  ['Responsable des partenariats', 'Responsable des partenariats'],
  ['Chargé de relations investisseurs', 'Chargée de relations investisseurs'],
  ['Directeur du développement', 'Directrice du développement'],
  ['Responsable conformité', 'Responsable conformité'],
  ['Responsable de la sélection de fonds', 'Responsable de la sélection de fonds'],
  ['Directeur de la multigestion', 'Directrice de la multigestion'],
  ['Associé', 'Associée'],
]

export const LINK_ROLES: readonly string[] = [
  'Décideur', 'Prescripteur', 'Contact opérationnel', 'Back-office', 'Conformité', 'Signataire',
]

export const ASSET_CLASSES: readonly string[] = [
  'actions européennes', "obligations d'entreprises", 'monétaire', 'immobilier', 'private equity',
  'dette privée', 'infrastructures', 'actions internationales', 'convertibles', 'crédit haut rendement',
]

/** Product name templates by kind; {brand} is the supplier's brand. */
export const PRODUCT_NAMES: Readonly<Record<'FUND' | 'ETF' | 'SCPI' | 'OTHER', readonly string[]>> = {
  FUND: [
    '{brand} Actions Europe ISR', '{brand} Obligations Euro', '{brand} Crédit Court Terme',
    '{brand} Patrimoine Flexible', '{brand} Convertibles Europe', '{brand} Small & Mid Caps France',
    '{brand} Monétaire Euro', '{brand} Transition Climat', '{brand} Haut Rendement 2029', '{brand} Actions Monde',
  ],
  ETF: ['{brand} MSCI World UCITS ETF', '{brand} Euro Stoxx 50 UCITS ETF', "{brand} Obligations d'État Euro UCITS ETF"],
  SCPI: ['SCPI {brand} Pierre', 'SCPI {brand} Santé', 'SCPI {brand} Bureaux Europe'],
  OTHER: ['FCPR {brand} Croissance', 'FPCI {brand} Infrastructures', '{brand} Dette Privée II'],
}

export const MANDATE_NOTES: readonly string[] = [
  'Rétrocession de 50 % des frais de gestion.',
  'Exclusivité sur la France métropolitaine.',
  'Renouvellement tacite annuel, préavis de trois mois.',
  'Périmètre limité aux investisseurs institutionnels.',
  'Commission de placement de 1 % sur les souscriptions.',
  'Clause de revoyure à 18 mois.',
]

/** Interaction summaries by kind; {person}, {org}, {product} and {assetClass} are filled in. */
export const INTERACTION_SUMMARIES: Readonly<Record<'CALL' | 'EMAIL' | 'MEETING' | 'NOTE', readonly string[]>> = {
  CALL: [
    "Appel de suivi avec {person} : point sur l'allocation {assetClass}",
    'Échange téléphonique avec {person} sur le fonds {product}',
    'Prise de contact, intérêt pour les stratégies {assetClass}',
    "Relance téléphonique suite à l'envoi de la documentation",
    "Appel avec {person} : comité d'investissement décalé au mois prochain",
    'Point téléphonique sur la performance de {product}',
  ],
  EMAIL: [
    'Envoi du reporting mensuel de {product}',
    'Envoi de la présentation de la gamme et du DIC à {person}',
    'Réponse au questionnaire de due diligence',
    'Transmission de la proposition commerciale',
    "Envoi de l'invitation au petit-déjeuner investisseurs",
    'Envoi du commentaire de gestion trimestriel',
  ],
  MEETING: [
    'Rendez-vous chez {org} avec {person}',
    "Présentation de la gamme ISR au comité d'investissement",
    'Déjeuner avec {person}',
    'Rencontre au Salon Patrimonia',
    'Revue annuelle de la relation avec {org}',
    'Réunion de lancement du mandat',
    'Présentation du fonds {product} avec le gérant',
  ],
  NOTE: [
    'Souhaite réduire son exposition aux {assetClass}',
    "Budget d'investissement validé pour l'année",
    'Changement d’interlocuteur : nouvelle direction financière',
    'Préférence marquée pour les fonds labellisés ISR',
    "Appel d'offres prévu au second semestre",
    'Intérêt confirmé pour {product}',
  ],
}

export const INTERACTION_BODIES: readonly string[] = [
  "Points abordés : contexte de marché, positionnement du portefeuille, prochaines échéances. Prochaine étape : envoi d'une note de synthèse.",
  'Le client attend des éléments complémentaires sur la liquidité et les frais. À relancer sous quinze jours.',
  "Retour positif sur la qualité du reporting ; demande d'un format plus synthétique pour le conseil d'administration.",
  'Interlocuteur prudent, souhaite attendre la publication des résultats semestriels avant de se positionner.',
  'Compte rendu envoyé par e-mail à l’ensemble des participants.',
]

/** Task title templates; {org} and {person} are filled in. */
export const TASK_TITLES: readonly string[] = [
  'Relancer {org} suite à la présentation',
  'Envoyer la documentation réglementaire à {person}',
  'Préparer le rendez-vous avec {org}',
  'Mettre à jour la fiche KYC de {org}',
  'Organiser un déjeuner avec {person}',
  "Répondre à l'appel d'offres de {org}",
  'Faire signer le mandat de {org}',
  'Envoyer le reporting trimestriel à {org}',
  'Planifier la revue annuelle avec {org}',
  "Qualifier le besoin d'investissement de {org}",
  'Transmettre la proposition tarifaire à {org}',
  'Inviter {person} au Salon Patrimonia',
]

export const TASK_DESCRIPTIONS: readonly string[] = [
  'Voir le compte rendu du dernier rendez-vous.',
  'Joindre le DIC et le prospectus à jour.',
  'Coordonner avec la gestion pour la disponibilité du gérant.',
  'Vérifier les pièces justificatives avant envoi à la conformité.',
  'Caler un créneau avant la fin du mois.',
]
