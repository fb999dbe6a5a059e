// The demo's reference list of agencies (docs/decisions/0028): about 900 sites across the French regions,
// named after real towns — each town's main agency, then its districts in the larger towns — with codes
// "<region><number>". Shared by the demo seed and the tests (tests/factories.ts agencyCsv).
const REGIONS: [code: string, name: string, towns: string[]][] = [
  [
    "ARA",
    "Auvergne-Rhône-Alpes",
    [
      "Lyon",
      "Grenoble",
      "Saint-Étienne",
      "Clermont-Ferrand",
      "Annecy",
      "Chambéry",
      "Valence",
      "Villeurbanne",
      "Bourg-en-Bresse",
      "Roanne",
      "Aurillac",
      "Le Puy-en-Velay",
      "Vichy",
      "Montluçon",
      "Annemasse",
    ],
  ],
  [
    "BFC",
    "Bourgogne-Franche-Comté",
    [
      "Dijon",
      "Besançon",
      "Belfort",
      "Chalon-sur-Saône",
      "Auxerre",
      "Mâcon",
      "Nevers",
      "Montbéliard",
      "Sens",
      "Dole",
      "Vesoul",
      "Lons-le-Saunier",
    ],
  ],
  [
    "BRE",
    "Bretagne",
    [
      "Rennes",
      "Brest",
      "Quimper",
      "Lorient",
      "Vannes",
      "Saint-Brieuc",
      "Saint-Malo",
      "Lannion",
      "Morlaix",
      "Fougères",
      "Vitré",
      "Pontivy",
    ],
  ],
  [
    "CVL",
    "Centre-Val de Loire",
    ["Tours", "Orléans", "Bourges", "Blois", "Chartres", "Châteauroux", "Dreux", "Vierzon", "Montargis"],
  ],
  ["COR", "Corse", ["Ajaccio", "Bastia", "Porto-Vecchio", "Corte"]],
  [
    "GES",
    "Grand Est",
    [
      "Strasbourg",
      "Reims",
      "Metz",
      "Mulhouse",
      "Nancy",
      "Colmar",
      "Troyes",
      "Charleville-Mézières",
      "Châlons-en-Champagne",
      "Épinal",
      "Thionville",
      "Forbach",
      "Haguenau",
    ],
  ],
  [
    "HDF",
    "Hauts-de-France",
    [
      "Lille",
      "Amiens",
      "Roubaix",
      "Tourcoing",
      "Dunkerque",
      "Calais",
      "Valenciennes",
      "Arras",
      "Lens",
      "Beauvais",
      "Saint-Quentin",
      "Boulogne-sur-Mer",
      "Douai",
      "Maubeuge",
      "Compiègne",
    ],
  ],
  [
    "IDF",
    "Île-de-France",
    [
      "Paris",
      "Boulogne-Billancourt",
      "Saint-Denis",
      "Argenteuil",
      "Montreuil",
      "Créteil",
      "Nanterre",
      "Versailles",
      "Vitry-sur-Seine",
      "Évry-Courcouronnes",
      "Cergy",
      "Melun",
      "Meaux",
      "Aulnay-sous-Bois",
      "Champigny-sur-Marne",
    ],
  ],
  [
    "NOR",
    "Normandie",
    ["Rouen", "Le Havre", "Caen", "Cherbourg-en-Cotentin", "Évreux", "Dieppe", "Alençon", "Lisieux", "Saint-Lô"],
  ],
  [
    "NAQ",
    "Nouvelle-Aquitaine",
    [
      "Bordeaux",
      "Limoges",
      "Poitiers",
      "Pau",
      "La Rochelle",
      "Mérignac",
      "Pessac",
      "Bayonne",
      "Angoulême",
      "Niort",
      "Périgueux",
      "Agen",
      "Brive-la-Gaillarde",
      "Mont-de-Marsan",
    ],
  ],
  [
    "OCC",
    "Occitanie",
    [
      "Toulouse",
      "Montpellier",
      "Nîmes",
      "Perpignan",
      "Béziers",
      "Narbonne",
      "Carcassonne",
      "Albi",
      "Montauban",
      "Sète",
      "Tarbes",
      "Rodez",
      "Castres",
      "Alès",
    ],
  ],
  [
    "PDL",
    "Pays de la Loire",
    [
      "Nantes",
      "Angers",
      "Le Mans",
      "Saint-Nazaire",
      "Cholet",
      "La Roche-sur-Yon",
      "Laval",
      "Saumur",
      "Les Sables-d'Olonne",
    ],
  ],
  [
    "PAC",
    "Provence-Alpes-Côte d'Azur",
    [
      "Marseille",
      "Nice",
      "Toulon",
      "Aix-en-Provence",
      "Avignon",
      "Cannes",
      "Antibes",
      "Fréjus",
      "Arles",
      "Martigues",
      "Gap",
      "Digne-les-Bains",
    ],
  ],
  ["GUA", "Guadeloupe", ["Pointe-à-Pitre", "Les Abymes", "Basse-Terre", "Le Moule"]],
  ["MTQ", "Martinique", ["Fort-de-France", "Le Lamentin", "Le Robert"]],
  ["GUY", "Guyane", ["Cayenne", "Kourou", "Saint-Laurent-du-Maroni"]],
  ["REU", "La Réunion", ["Saint-Denis (La Réunion)", "Saint-Paul", "Saint-Pierre", "Le Tampon", "Saint-André"]],
  ["MAY", "Mayotte", ["Mamoudzou", "Koungou"]],
];
const DISTRICTS = [
  "Centre",
  "Nord",
  "Sud",
  "Est",
  "Ouest",
  "Gare",
  "Université",
  "Rive gauche",
  "Rive droite",
  "Zone d'activités",
];

export type DemoAgency = { code: string; name: string; region: string };

/** About `target` agencies: every town's main site first, then districts of the first towns of each region. */
export function demoAgencies(target = 900): DemoAgency[] {
  const agencies: DemoAgency[] = [];
  const numbers = new Map<string, number>();
  const add = (region: string, regionName: string, name: string) => {
    const n = (numbers.get(region) ?? 0) + 1;
    numbers.set(region, n);
    agencies.push({ code: `${region}${String(n).padStart(3, "0")}`, name, region: regionName });
  };
  for (const [code, name, towns] of REGIONS) for (const town of towns) add(code, name, town);
  for (const district of DISTRICTS) {
    for (let rank = 0; rank < 15; rank++) {
      for (const [code, name, towns] of REGIONS) {
        const town = towns[rank];
        if (town && agencies.length < target && towns.length > 8 && rank < Math.ceil(towns.length / 2))
          add(code, name, `${town} ${district}`);
      }
    }
  }
  return agencies;
}

/** The list as an admin would upload it: "code;nom;region", RFC 4180 quoting where needed. */
export function agencyCsv(agencies: DemoAgency[]): string {
  const cell = (v: string) => (/[;",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ["code;nom;region", ...agencies.map((a) => [a.code, a.name, a.region].map(cell).join(";"))].join("\r\n");
}
