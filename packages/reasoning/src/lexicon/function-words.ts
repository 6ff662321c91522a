/**
 * English function words and question words: they carry the question's form (who, how many,
 * is ...) rather than its content, so matching skips them. Grammar, not domain vocabulary.
 */

export const QUESTION_WORDS = new Set(['who', 'whom', 'whose', 'what', 'which', 'when', 'where', 'why', 'how']);

export const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'into', 'onto', 'as', 'and', 'or',
  'but', 'nor', 'not', 'no', 'yes', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did',
  'has', 'have', 'had', 'having', 'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must', 'it',
  'its', 'this', 'that', 'these', 'those', 'there', 'here', 'they', 'them', 'their', 'he', 'him', 'his', 'she', 'her',
  'hers', 'we', 'us', 'our', 'you', 'your', 'i', 'me', 'my', 'mine', 'also', 'both', 'either', 'neither', 'any', 'all',
  'each', 'every', 'some', 'such', 'than', 'then', 'so', 'too', 'very', 'much', 'many', 'more', 'most', 'one', 'ones',
  'about', 'tell', 'give', 'name', 'list', 'show', 'please', 'know', 'does', 'other', 'else', 'same', 'between', 'whose',
  'own', 'only', 'up', 'out', 'if', 'whether', 'per', 'via', 'belong', 'belongs', 'called', 'known', 'get',
  'find', 'exactly',
  ...QUESTION_WORDS,
]);

/** Pronouns that point back to an entity of an earlier turn. */
export const PRONOUNS = new Set(['it', 'its', 'they', 'their', 'them', 'he', 'his', 'him', 'she', 'her', 'this', 'that']);

/** Words introducing a yes/no question when they open it. */
export const YES_NO_OPENERS = new Set([
  'is', 'are', 'was', 'were', 'does', 'do', 'did', 'can', 'could', 'has', 'have', 'had', 'will', 'would', 'should',
]);
