#!/usr/bin/env node
// Writes data/demo/bundle.json: the demo knowledge base (a small solar-system graph) that the
// README's run command loads on first start. Facts are from public astronomy references.
import { writeFileSync } from 'node:fs';

const entities = [];
const relationships = [];
const resources = [];
const entity = (key, type, name, attributes = {}, aliases = []) =>
  entities.push({ key, type, name, aliases, attributes });
const rel = (from, to, type, path, weight = 1) => relationships.push({ from, to, type, weight, path });

entity('star:sun', 'Star', 'Sun', { spectral_class: 'G2V', mean_radius_km: 695700 }, ['Sol']);
const planets = [
  ['mercury', 'Mercury', 'terrestrial', 2439.7, 87.97],
  ['venus', 'Venus', 'terrestrial', 6051.8, 224.7],
  ['earth', 'Earth', 'terrestrial', 6371.0, 365.256, ['Terra', 'the Earth']],
  ['mars', 'Mars', 'terrestrial', 3389.5, 686.98, ['the Red Planet']],
  ['jupiter', 'Jupiter', 'gas giant', 69911, 4332.59],
  ['saturn', 'Saturn', 'gas giant', 58232, 10759.22],
  ['uranus', 'Uranus', 'ice giant', 25362, 30688.5],
  ['neptune', 'Neptune', 'ice giant', 24622, 60195],
];
for (const [id, name, kind, radius, period, aliases = []] of planets) {
  entity(
    `planet:${id}`,
    'Planet',
    name,
    { planet_type: kind, mean_radius_km: radius, orbital_period_days: period },
    aliases,
  );
  rel(`planet:${id}`, 'star:sun', 'orbits', 'astro.orbits');
}
entity(
  'dwarf:pluto',
  'DwarfPlanet',
  'Pluto',
  { mean_radius_km: 1188.3, orbital_period_days: 90560, discovery_year: 1930 },
  ['134340 Pluto'],
);
rel('dwarf:pluto', 'star:sun', 'orbits', 'astro.orbits');

const people = [
  ['galileo', 'Galileo Galilei', 1564, 'Italian', ['Galileo']],
  ['huygens', 'Christiaan Huygens', 1629, 'Dutch', ['Huygens']],
  ['herschel', 'William Herschel', 1738, 'British', ['Friedrich Wilhelm Herschel']],
  ['hall', 'Asaph Hall', 1829, 'American', []],
  ['lassell', 'William Lassell', 1799, 'English', []],
  ['galle', 'Johann Gottfried Galle', 1812, 'German', ['Johann Galle']],
  ['tombaugh', 'Clyde Tombaugh', 1906, 'American', []],
];
for (const [id, name, born, nationality, aliases] of people) {
  entity(
    `person:${id}`,
    'Person',
    name,
    { birth_year: born, nationality, occupation: 'astronomer' },
    aliases,
  );
}
rel('planet:uranus', 'person:herschel', 'discovered by', 'astro.discovery.discovered_by');
rel('planet:neptune', 'person:galle', 'discovered by', 'astro.discovery.discovered_by');
rel('dwarf:pluto', 'person:tombaugh', 'discovered by', 'astro.discovery.discovered_by');

const moons = [
  ['moon', 'Moon', 'earth', 1737.4, null, null, ['Luna', 'the Moon']],
  ['phobos', 'Phobos', 'mars', 11.08, 'hall', 1877],
  ['deimos', 'Deimos', 'mars', 6.2, 'hall', 1877],
  ['io', 'Io', 'jupiter', 1821.6, 'galileo', 1610],
  ['europa', 'Europa', 'jupiter', 1560.8, 'galileo', 1610],
  ['ganymede', 'Ganymede', 'jupiter', 2634.1, 'galileo', 1610],
  ['callisto', 'Callisto', 'jupiter', 2410.3, 'galileo', 1610],
  ['titan', 'Titan', 'saturn', 2574.7, 'huygens', 1655],
  ['enceladus', 'Enceladus', 'saturn', 252.1, 'herschel', 1789],
  ['triton', 'Triton', 'neptune', 1353.4, 'lassell', 1846],
];
for (const [id, name, planet, radius, discoverer, year, aliases = []] of moons) {
  entity(
    `moon:${id}`,
    'Moon',
    name,
    year ? { mean_radius_km: radius, discovery_year: year } : { mean_radius_km: radius },
    aliases,
  );
  rel(`moon:${id}`, `planet:${planet}`, 'orbits', 'astro.orbits');
  if (discoverer) rel(`moon:${id}`, `person:${discoverer}`, 'discovered by', 'astro.discovery.discovered_by');
}

const missions = [
  ['voyager2', 'Voyager 2', 1977, 'NASA', ['jupiter', 'saturn', 'uranus', 'neptune']],
  ['cassini', 'Cassini–Huygens', 1997, 'NASA/ESA/ASI', ['jupiter', 'saturn'], ['Cassini']],
  ['juno', 'Juno', 2011, 'NASA', ['jupiter']],
  ['newhorizons', 'New Horizons', 2006, 'NASA', ['jupiter']],
  ['messenger', 'MESSENGER', 2004, 'NASA', ['mercury', 'venus']],
];
for (const [id, name, launched, agency, targets, aliases = []] of missions) {
  entity(`mission:${id}`, 'SpaceMission', name, { launch_year: launched, agency }, aliases);
  for (const t of targets) rel(`mission:${id}`, `planet:${t}`, 'visited', 'astro.exploration.visited');
}
rel('mission:newhorizons', 'dwarf:pluto', 'visited', 'astro.exploration.visited');

resources.push(
  {
    uri: 'demo://solar-system/galilean-moons',
    type: 'text/plain',
    title: 'The Galilean moons',
    text: 'Galileo Galilei discovered the four largest moons of Jupiter in January 1610: Io, Europa, Ganymede and Callisto. Ganymede is the largest moon in the Solar System, larger than the planet Mercury. Europa is thought to hide a salt-water ocean beneath its icy crust.',
    entities: [
      { key: 'person:galileo', confidence: 0.9 },
      { key: 'moon:ganymede', confidence: 0.9 },
      { key: 'moon:europa', confidence: 0.8 },
      { key: 'planet:jupiter', confidence: 0.7 },
    ],
  },
  {
    uri: 'demo://solar-system/titan',
    type: 'text/plain',
    title: 'Titan',
    text: "Titan, Saturn's largest moon, was discovered by Christiaan Huygens in 1655. It is the only moon known to have a dense atmosphere, mostly nitrogen, and lakes of liquid methane and ethane. The Huygens probe, carried by the Cassini spacecraft, landed on Titan in January 2005.",
    entities: [
      { key: 'moon:titan', confidence: 0.95 },
      { key: 'mission:cassini', confidence: 0.7 },
    ],
  },
  {
    uri: 'demo://solar-system/neptune-discovery',
    type: 'text/plain',
    title: 'The discovery of Neptune',
    text: 'Neptune was the first planet found by mathematical prediction rather than by observation. Urbain Le Verrier computed its position from irregularities in the orbit of Uranus, and Johann Gottfried Galle observed it at the Berlin Observatory on 23 September 1846.',
    entities: [
      { key: 'planet:neptune', confidence: 0.95 },
      { key: 'person:galle', confidence: 0.8 },
    ],
  },
  {
    uri: 'demo://solar-system/mars-moons',
    type: 'text/plain',
    title: 'Phobos and Deimos',
    text: 'Mars has two small moons, Phobos and Deimos, both discovered by the American astronomer Asaph Hall at the US Naval Observatory in August 1877. Phobos orbits so close to Mars that it will eventually break apart or crash into the planet.',
    entities: [
      { key: 'moon:phobos', confidence: 0.9 },
      { key: 'moon:deimos', confidence: 0.9 },
      { key: 'planet:mars', confidence: 0.7 },
    ],
  },
);

writeFileSync(
  new URL('./bundle.json', import.meta.url),
  JSON.stringify({ entities, relationships, resources }, null, 2) + '\n',
);
console.log(
  `demo bundle: ${entities.length} entities, ${relationships.length} relationships, ${resources.length} resources`,
);
