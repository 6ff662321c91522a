/**
 * A small English suffix stemmer so that "discovered", "discoverer" and "discovery" meet the
 * vocabulary name `discovered_by`, and "gases" meets "gas". Language morphology, not a domain list.
 */

const VOWEL = /[aeiouy]/;

/** Irregular English verb forms, mapped to their base form before suffix stripping. */
const IRREGULAR: Record<string, string> = {
  made: 'make',
  wrote: 'write',
  written: 'write',
  found: 'find',
  began: 'begin',
  begun: 'begin',
  won: 'win',
  sang: 'sing',
  sung: 'sing',
  led: 'lead',
  built: 'build',
  sold: 'sell',
  taught: 'teach',
  bought: 'buy',
  held: 'hold',
  grew: 'grow',
  grown: 'grow',
  known: 'know',
  knew: 'know',
  gave: 'give',
  given: 'give',
  took: 'take',
  taken: 'take',
  spoke: 'speak',
  spoken: 'speak',
  flew: 'fly',
  flown: 'fly',
  drew: 'draw',
  drawn: 'draw',
  ran: 'run',
  saw: 'see',
  seen: 'see',
  went: 'go',
  gone: 'go',
  came: 'come',
  became: 'become',
  brought: 'bring',
  thought: 'think',
  told: 'tell',
  left: 'leave',
  met: 'meet',
  paid: 'pay',
  sent: 'send',
  spent: 'spend',
  stood: 'stand',
  understood: 'understand',
  wore: 'wear',
  worn: 'wear',
  chose: 'choose',
  chosen: 'choose',
  fought: 'fight',
  caught: 'catch',
  struck: 'strike',
  shot: 'shoot',
  threw: 'throw',
  thrown: 'throw',
  bore: 'bear',
  borne: 'bear',
  born: 'bear',
  hid: 'hide',
  hidden: 'hide',
  rose: 'rise',
  risen: 'rise',
  fell: 'fall',
  fallen: 'fall',
  lost: 'lose',
  kept: 'keep',
  slept: 'sleep',
  dealt: 'deal',
  meant: 'mean',
  lay: 'lie',
  lain: 'lie',
  laid: 'lay',
  froze: 'freeze',
  frozen: 'freeze',
  forgot: 'forget',
  forgotten: 'forget',
  broke: 'break',
  broken: 'break',
  ate: 'eat',
  eaten: 'eat',
  drove: 'drive',
  driven: 'drive',
  rode: 'ride',
  ridden: 'ride',
  wove: 'weave',
  woven: 'weave',
};

/** Reduces an already-normalised word to a stem shared by its inflections. */
export function stem(word: string): string {
  let w = IRREGULAR[word] ?? word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(xes|ches|shes|zes|sses|oes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const before = w;
  if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ed') && w.length > 4 && VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ing') && w.length > 5 && VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  // Agent nouns of verbs ending in -er: "discoverer" -> "discover" (but "discover" stays).
  if (w === before && w.endsWith('erer') && w.length >= 7) w = w.slice(0, -2);
  if (w.endsWith('y') && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const last = w.at(-1);
  if (last && w.length > 3 && last === w.at(-2) && !/[lsz]/.test(last)) return w.slice(0, -1);
  return w;
}

/** Stems of every token. */
export function stems(tokens: readonly string[]): string[] {
  return tokens.map(stem);
}
