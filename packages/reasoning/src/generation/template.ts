/**
 * The deterministic generator: composes the answer text from the resolved facts only, with a
 * citation for every entity, relationship and resource used. Also used as the fallback when a
 * language model's phrasing cannot be verified against the facts.
 */
import type { AttributeValue, Entity } from '@rustygpt/core';
import { humanize } from '../nodes/slot-resolution';
import type { Assessment, Citation, Fact, Resolution, SlotFrame, WorkingSet } from '../state';

export interface ComposedAnswer {
  text: string;
  items: string[];
  citations: Citation[];
  supported: boolean;
}

const MAX_FACTS_SHOWN = 8;

/** Renders an attribute value for people. */
export function formatValue(value: AttributeValue): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/** One fact as a short sentence fragment. */
export function describeFact(fact: Fact): string {
  return fact.kind === 'attribute'
    ? `${fact.entity.name} ${humanize(fact.name)}: ${formatValue(fact.value)}`
    : `${fact.from.name} ${humanize(fact.relationship.type)} ${fact.to.name}`;
}

/** Composes the grounded answer for a finished run. */
export function composeAnswer(
  slots: SlotFrame,
  resolution: Resolution,
  assessment: Assessment,
  workingSet: WorkingSet,
): ComposedAnswer {
  if (assessment.status !== 'answered') {
    const missing =
      assessment.missing.length > 0
        ? assessment.missing.join('; ')
        : 'the knowledge base has nothing on this';
    return { text: `I don't know: ${missing}.`, items: [], citations: [], supported: false };
  }
  if (assessment.passageAnswer) {
    const { text, passage } = assessment.passageAnswer;
    const title = passage.resource.title ?? passage.resource.uri;
    return {
      text: `${text}. Source: ${title} (${passage.resource.uri}).`,
      items: [text],
      citations: [{ kind: 'resource', id: passage.resource.id, label: title, uri: passage.resource.uri }],
      supported: true,
    };
  }
  const facts = workingSet.facts;
  const citations = citationsFor(facts, resolution.targets);
  const support =
    facts.length > 0
      ? ` Based on: ${facts.slice(0, MAX_FACTS_SHOWN).map(describeFact).join('; ')}${facts.length > MAX_FACTS_SHOWN ? `; and ${facts.length - MAX_FACTS_SHOWN} more` : ''}.`
      : '';
  switch (slots.kind) {
    case 'attribute': {
      const values = resolution.values;
      const items = values.map((v) => formatValue(v.value));
      const first = values[0]!;
      const text =
        values.length === 1
          ? `The ${humanize(first.name)} of ${first.entity.name} is ${items[0]}.`
          : `${capitalize(humanize(first.name))}: ${values.map((v) => `${v.entity.name} ${formatValue(v.value)}`).join('; ')}.`;
      return {
        text: text + (resolution.facts.some((f) => f.kind === 'relationship') ? support : ''),
        items,
        citations,
        supported: true,
      };
    }
    case 'yesno': {
      const verdict = resolution.verdict ? 'Yes' : 'No';
      return { text: `${verdict}.${support}`, items: [verdict.toLowerCase()], citations, supported: true };
    }
    case 'count': {
      const names = resolution.targets.map((t) => t.name);
      return {
        text: `${names.length}: ${names.join(', ')}.${support}`,
        items: [String(names.length)],
        citations,
        supported: true,
      };
    }
    default: {
      const names = resolution.targets.map((t) => t.name);
      const lead =
        names.length === 1 && slots.relationTypes.length === 0 && slots.entityTypes.length === 0
          ? describeEntity(resolution.targets[0]!)
          : `${names.join(', ')}.`;
      return { text: `${lead}${support}`, items: names, citations, supported: true };
    }
  }
}

function describeEntity(e: Entity): string {
  const attrs = Object.entries(e.attributes)
    .slice(0, 6)
    .map(([k, v]) => `${humanize(k)} ${formatValue(v)}`);
  return `${e.name} (${e.type})${attrs.length > 0 ? `: ${attrs.join('; ')}` : ''}.`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Citations for every entity and relationship used, each once. */
export function citationsFor(facts: Fact[], targets: Entity[]): Citation[] {
  const out = new Map<string, Citation>();
  const entity = (e: Entity): void => {
    out.set(`entity:${e.id}`, { kind: 'entity', id: e.id, label: e.name });
  };
  for (const t of targets) entity(t);
  for (const f of facts) {
    if (f.kind === 'attribute') entity(f.entity);
    else {
      entity(f.from);
      entity(f.to);
      out.set(`relationship:${f.relationship.id}`, {
        kind: 'relationship',
        id: f.relationship.id,
        label: `${f.from.name} ${humanize(f.relationship.type)} ${f.to.name}`,
      });
    }
  }
  return [...out.values()];
}

/** Splits text into streamable tokens (words with their following whitespace). */
export function toTokens(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}
