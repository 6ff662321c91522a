import type { EvalQuestion } from '../periodic/build';

/** A question set being built: `add` numbers questions per kind (`one-hop-1`, `one-hop-2`, ...). */
export function questionList(): {
  questions: EvalQuestion[];
  add(kind: EvalQuestion['kind'], question: string, expected: string[]): void;
} {
  const questions: EvalQuestion[] = [];
  return {
    questions,
    add: (kind, question, expected) => {
      questions.push({
        id: `${kind}-${questions.filter((q) => q.kind === kind).length + 1}`,
        kind,
        question,
        expected,
      });
    },
  };
}
