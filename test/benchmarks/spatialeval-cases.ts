/**
 * SpatialEval replies with what the ORIGINAL scoring code makes of them. Every expected outcome and
 * score below was produced by running jiayuww/SpatialEval@d82ba382805265f205693cb83a30c4866ea6c35b
 * evals/evaluation.py itself under CPython 3.11: its `extract_answer_from_text_<task>` on the reply,
 * and `evaluate_model_accuracy` on a one-line output file holding it (the cross-check scripts
 * spatialeval_xcheck.py and spatialeval_xcheck_more.py, kept outside this repository, import the
 * original module unchanged). The first 55 are the shared cross-check table; the rest probe Python
 * semantics a port can miss: Unicode \s, \d and \b, IGNORECASE folding 'İ'/'ı' onto i, `.` and `$` around
 * newlines, int() of other scripts' digits and its 4300-digit limit, code-point positions, the
 * model-specific patterns and the question-id routing.
 */

/** What evaluation.py makes of a reply: str(extracted), None (scored as "none"), or a ValueError (line skipped, counted wrong). */
export type OriginalOutcome = { readonly kind: 'answer'; readonly text: string } | { readonly kind: 'none' } | { readonly kind: 'skipped' };

/** [case, task, question id, oracle_answer, reply, model name (null: an open model's), outcome, score of the one-line file] */
export type OriginalCase = readonly [string, 'spatialmap' | 'mazenav' | 'spatialgrid', number, string, string, string | null, OriginalOutcome, 0 | 1];

/** A 4301-digit number: one digit over CPython's int() limit. */
export const BIG = '9'.repeat(4301);

export const ORIGINAL_CASES: readonly OriginalCase[] = [
  ["sm0-letter", 'spatialmap', 0, "northeast", "A. Northeast", null, { kind: 'answer', text: "northeast" }, 1],
  ["sm0-sentence", 'spatialmap', 0, "northeast", "Lotus Lounge is to the northeast of Crimson Cafe.", null, { kind: 'answer', text: "northeast" }, 1],
  ["sm0-first-direction-wins", 'spatialmap', 0, "northeast", "Northwest. Reasoning: Crimson Cafe is southeast of the park, so the cafe is not northeast.", null, { kind: 'answer', text: "Northwest" }, 0],
  ["sm0-hyphen", 'spatialmap', 0, "southeast", "C. South-east", null, { kind: 'none' }, 0],
  ["sm0-two-words", 'spatialmap', 0, "northeast", "The answer is north east.", null, { kind: 'none' }, 0],
  ["sm0-bold-letter", 'spatialmap', 0, "southwest", "**D. Southwest**", null, { kind: 'answer', text: "southwest" }, 1],
  ["sm0-cardinal-only", 'spatialmap', 0, "northeast", "North", null, { kind: 'none' }, 0],
  ["sm0-letter-later", 'spatialmap', 0, "northwest", "Southeast is wrong; the correct option is B. Northwest.", null, { kind: 'answer', text: "northwest" }, 1],
  ["sm1-located", 'spatialmap', 1, "Lotus Lounge", "Lotus Lounge is located to the northeast of Crimson Cafe.", null, { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-letter", 'spatialmap', 1, "Lotus Lounge", "B. Lotus Lounge", null, { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-letter-is", 'spatialmap', 1, "Lotus Lounge", "B. Lotus Lounge is the answer.", null, { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-is-fallback", 'spatialmap', 1, "Lotus Lounge", "The object to the northeast of Crimson Cafe is Lotus Lounge.", null, { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-in-the", 'spatialmap', 1, "Lotus Lounge", "Lotus Lounge is in the northeast.", null, { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-gemini-bold", 'spatialmap', 1, "Lotus Lounge", "**Answer:**\nLotus Lounge", "geminiv-pro", { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-gpt4o-concise", 'spatialmap', 1, "Lotus Lounge", "Concise Answer: Lotus Lounge is in the northeast of Crimson Cafe.", "gpt4o", { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-wrong-object", 'spatialmap', 1, "Lotus Lounge", "Crimson Cafe is located to the northeast of Lotus Lounge.", null, { kind: 'answer', text: "Crimson Cafe" }, 0],
  ["sm1-no-match", 'spatialmap', 1, "Lotus Lounge", "I cannot tell from the map", null, { kind: 'none' }, 0],
  ["sm1-lowercase", 'spatialmap', 1, "Lotus Lounge", "lotus lounge", null, { kind: 'none' }, 0],
  ["sm2-letter-digit", 'spatialmap', 2, "2", "B. 2", null, { kind: 'answer', text: "2" }, 1],
  ["sm2-word", 'spatialmap', 2, "2", "There are two objects to the north of the park.", null, { kind: 'answer', text: "2" }, 1],
  ["sm2-digit", 'spatialmap', 2, "2", "There are 2 objects.", null, { kind: 'answer', text: "2" }, 1],
  ["sm2-no-counts-zero", 'spatialmap', 2, "0", "No objects are to the north.", null, { kind: 'answer', text: "0" }, 1],
  ["sm2-substring-12", 'spatialmap', 2, "2", "There are 12 objects.", null, { kind: 'answer', text: "12" }, 1],
  ["sm2-earliest-number", 'spatialmap', 2, "3", "One of them is north; in total there are 3 objects.", null, { kind: 'answer', text: "1" }, 0],
  ["sm2-list-marker", 'spatialmap', 2, "3", "\n\n1. There are 3 objects.", null, { kind: 'answer', text: "3" }, 1],
  ["sm2-letter-word", 'spatialmap', 2, "1", "A. one", null, { kind: 'answer', text: "1" }, 1],
  ["mn0-digits", 'mazenav', 0, "2", "There are 2 right turns from S to E.", null, { kind: 'answer', text: "2" }, 1],
  ["mn0-word", 'mazenav', 0, "2", "two right turns", null, { kind: 'answer', text: "2" }, 1],
  ["mn0-no-anywhere", 'mazenav', 0, "3", "There are 3 right turns and no left turns.", null, { kind: 'answer', text: "0" }, 0],
  ["mn0-answer-is", 'mazenav', 0, "2", "The answer is 2.", null, { kind: 'answer', text: "2" }, 1],
  ["mn0-one-word-first", 'mazenav', 0, "2", "Only one thing matters: 2 right turns.", null, { kind: 'answer', text: "1" }, 0],
  ["mn0-none", 'mazenav', 0, "0", "There are none.", null, { kind: 'none' }, 0],
  ["mn1-turns", 'mazenav', 1, "5", "There are 5 turns in total.", null, { kind: 'answer', text: "5" }, 1],
  ["mn1-total-of", 'mazenav', 1, "5", "The path makes a total of 5 turns.", null, { kind: 'answer', text: "5" }, 1],
  ["mn1-bare-digit", 'mazenav', 1, "5", "5", null, { kind: 'answer', text: "5" }, 1],
  ["mn1-right-turn-first", 'mazenav', 1, "5", "2 right turns and 3 left turns, 5 turns", null, { kind: 'answer', text: "5" }, 1],
  ["mn2-yes", 'mazenav', 2, "Yes", "Yes, it is the shortest path.", null, { kind: 'answer', text: "Yes" }, 1],
  ["mn2-no", 'mazenav', 2, "No", "No.", null, { kind: 'answer', text: "No" }, 1],
  ["mn2-not", 'mazenav', 2, "No", "This is not the shortest route.", null, { kind: 'answer', text: "No" }, 1],
  ["mn2-unparseable-no", 'mazenav', 2, "No", "I am unable to determine that.", null, { kind: 'none' }, 1],
  ["mn2-unparseable-yes", 'mazenav', 2, "Yes", "I am unable to determine that.", null, { kind: 'none' }, 0],
  ["mn2-yes-for-no", 'mazenav', 2, "No", "Yes", null, { kind: 'answer', text: "Yes" }, 0],
  ["mn2-yes-beats-no", 'mazenav', 2, "No", "No, wait: yes.", null, { kind: 'answer', text: "Yes" }, 0],
  ["mn2-shortest-path-phrase", 'mazenav', 2, "Yes", "The route is the shortest path.", null, { kind: 'answer', text: "Yes" }, 1],
  ["sg0-digit", 'spatialgrid', 0, "3", "There are 3 cats in the grid.", null, { kind: 'answer', text: "3" }, 1],
  ["sg0-word", 'spatialgrid', 0, "3", "three", null, { kind: 'answer', text: "3" }, 1],
  ["sg0-substring-13", 'spatialgrid', 0, "3", "The grid has 13 blocks.", null, { kind: 'answer', text: "13" }, 1],
  ["sg0-no", 'spatialgrid', 0, "0", "There are no cats.", null, { kind: 'answer', text: "0" }, 1],
  ["sg0-claude-blocks", 'spatialgrid', 0, "4", "I see there are 4 blocks; 5 rows.", "claude-3-opus", { kind: 'answer', text: "4" }, 1],
  ["sg1-animal", 'spatialgrid', 1, "cat", "The animal in the top-left is a cat.", null, { kind: 'answer', text: "cat" }, 1],
  ["sg1-plural", 'spatialgrid', 1, "cat", "Cats", null, { kind: 'none' }, 0],
  ["sg1-wrong", 'spatialgrid', 1, "cat", "dog", null, { kind: 'answer', text: "dog" }, 0],
  ["sg1-first-animal", 'spatialgrid', 2, "dog", "A cat and a dog", null, { kind: 'answer', text: "cat" }, 0],
  ["sg2-category-word", 'spatialgrid', 2, "rabbit", "Category: rabbit", null, { kind: 'answer', text: "rabbit" }, 1],
  ["sm3-unsupported-qid", 'spatialmap', 3, "x", "anything", null, { kind: 'skipped' }, 0],
  ["sm0-lower-letter", 'spatialmap', 0, "northwest", "b. northwest", null, { kind: 'answer', text: "northwest" }, 1],
  ["sm0-nbsp", 'spatialmap', 0, "northeast", "A.\u00a0Northeast", null, { kind: 'answer', text: "northeast" }, 1],
  ["sm0-unicode-word-before", 'spatialmap', 0, "northeast", "It is \u00e9Northeast of it", null, { kind: 'none' }, 0],
  ["sm0-underscore-before", 'spatialmap', 0, "northeast", "dir_northeast", null, { kind: 'none' }, 0],
  ["sm1-paren-at-start", 'spatialmap', 1, "Lotus Lounge", "(b) Lotus Lounge", null, { kind: 'none' }, 0],
  ["sm1-paren-after-word", 'spatialmap', 1, "Lotus Lounge", "Answer(b) Lotus Lounge is it", null, { kind: 'answer', text: "(b)" }, 0],
  ["sm1-comma-letter", 'spatialmap', 1, "Lotus Lounge", "B, Lotus Lounge", null, { kind: 'answer', text: "B" }, 0],
  ["sm1-therefore", 'spatialmap', 1, "Lotus Lounge", "Therefore, the object in the northeast of Crimson Cafe is Lotus Lounge.", null, { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-is-angle", 'spatialmap', 1, "Lotus Lounge", "The answer is Lotus Lounge<end>", null, { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-is-final-newline", 'spatialmap', 1, "Lotus Lounge", "It is Lotus Lounge\n", null, { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-is-two-lines", 'spatialmap', 1, "Lotus Lounge", "It is Lotus Lounge\nmore text", null, { kind: 'none' }, 0],
  ["sm1-to-the-default", 'spatialmap', 1, "Lotus Lounge", "Lotus Lounge is to the northeast of Crimson Cafe.", null, { kind: 'answer', text: "to the northeast of Crimson Cafe" }, 0],
  ["sm1-to-the-claude", 'spatialmap', 1, "Lotus Lounge", "Lotus Lounge is to the northeast of Crimson Cafe.", "claude-3-opus", { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-dotted-capital-i", 'spatialmap', 1, "Lotus Lounge", "Lotus Lounge \u0130S located to the northeast", null, { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-bold-letter", 'spatialmap', 1, "Lotus Lounge", "**B. Lotus Lounge**", null, { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-upper-reply", 'spatialmap', 1, "Lotus Lounge", "LOTUS LOUNGE is located to the northeast", null, { kind: 'answer', text: "LOTUS LOUNGE" }, 1],
  ["sm1-gemini-concise", 'spatialmap', 1, "Lotus Lounge", "**Concise Answer:**\nLotus Lounge is in the northeast of Crimson Cafe.", "geminiv-1.5-pro", { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-gemini-in-the-of", 'spatialmap', 1, "Lotus Lounge", "**Answer:** Lotus Lounge is in the northeast of Crimson Cafe", "geminiv", { kind: 'answer', text: "Lotus Lounge" }, 1],
  ["sm1-gpt4o-default-model", 'spatialmap', 1, "Lotus Lounge", "Concise Answer: Lotus Lounge is in the northeast of Crimson Cafe.", null, { kind: 'answer', text: "in the northeast of Crimson Cafe" }, 0],
  ["sm1-empty-after-letter", 'spatialmap', 1, "Lotus Lounge", "A.", null, { kind: 'answer', text: "" }, 0],
  ["sm2-arabic-indic", 'spatialmap', 2, "3", "There are \u0663 objects.", null, { kind: 'answer', text: "3" }, 1],
  ["sm2-astral-digit", 'spatialmap', 2, "2", "There are \ud835\udfd0 objects.", null, { kind: 'answer', text: "2" }, 1],
  ["sm2-tie-after-marker", 'spatialmap', 2, "1", "\n\n1. one, 7", null, { kind: 'answer', text: "1" }, 1],
  ["sm2-astral-marker-tie", 'spatialmap', 2, "1", "\n\n\ud835\udfcf. one, 7", null, { kind: 'answer', text: "1" }, 1],
  ["sm2-leading-zeros", 'spatialmap', 2, "7", "There are 007 objects", null, { kind: 'answer', text: "7" }, 1],
  ["sm2-letter-huge", 'spatialmap', 2, "9", "A. " + BIG, null, { kind: 'answer', text: BIG }, 1],
  ["sm2-huge-not-earliest", 'spatialmap', 2, "2", "two objects, id " + BIG, null, { kind: 'skipped' }, 0],
  ["sm2-none-word", 'spatialmap', 2, "0", "None of them.", null, { kind: 'none' }, 0],
  ["mn0-answer-colon", 'mazenav', 0, "3", "The answer is:\n\n 3", null, { kind: 'answer', text: "3" }, 1],
  ["mn0-from-s-to-e", 'mazenav', 0, "4", "the number of right turns from s to e is 4", null, { kind: 'answer', text: "4" }, 1],
  ["mn0-arabic-indic", 'mazenav', 0, "3", "\u0663 right turns", null, { kind: 'answer', text: "3" }, 1],
  ["mn0-huge", 'mazenav', 0, "9", BIG + " right turns", null, { kind: 'skipped' }, 0],
  ["mn0-dotless-i-right", 'mazenav', 0, "2", "There are 2 r\u0131ght turns", null, { kind: 'answer', text: "2" }, 1],
  ["mn1-there-are-first", 'mazenav', 1, "3", "There are 3 turns; a total of 5 turns", null, { kind: 'answer', text: "3" }, 1],
  ["mn1-zero-word", 'mazenav', 1, "0", "zero turns", null, { kind: 'answer', text: "0" }, 1],
  ["mn1-no-digits", 'mazenav', 1, "4", "I cannot count them", null, { kind: 'none' }, 0],
  ["mn2-dotted-i", 'mazenav', 2, "Yes", "This \u0130S THE SHORTEST PATH", null, { kind: 'answer', text: "Yes" }, 1],
  ["mn2-quoted-no", 'mazenav', 2, "No", "I would say \"no\"", null, { kind: 'answer', text: "No" }, 1],
  ["mn2-nothing", 'mazenav', 2, "Yes", "Hard to say.", null, { kind: 'none' }, 0],
  ["sg0-claude-contains", 'spatialgrid', 0, "7", "The grid contains 7 blocks; there are 3 cats", "claude-3-5-sonnet", { kind: 'answer', text: "7" }, 1],
  ["sg0-claude-no-contains", 'spatialgrid', 0, "3", "there are 4 blocks, 3 cats", "claude-3-5-sonnet", { kind: 'answer', text: "4" }, 0],
  ["sg0-default-contains", 'spatialgrid', 0, "7", "The grid contains 7 blocks; there are 3 cats", null, { kind: 'answer', text: "7" }, 1],
  ["sg0-negative-qid", 'spatialgrid', -1, "3", "three", null, { kind: 'answer', text: "3" }, 1],
  ["sg1-dotted-capital-i", 'spatialgrid', 1, "giraffe", "G\u0130RAFFE", null, { kind: 'answer', text: "G\u0130RAFFE" }, 0],
  ["sg1-upper", 'spatialgrid', 1, "elephant", "ELEPHANT", null, { kind: 'answer', text: "ELEPHANT" }, 1],
  ["sg5-high-qid", 'spatialgrid', 5, "dog", "a dog", null, { kind: 'answer', text: "dog" }, 1],
  ["sm-negative-qid", 'spatialmap', -1, "x", "anything", null, { kind: 'skipped' }, 0],
];

/**
 * Whole output files, as evaluate_model_accuracy scores them (same scripts). `mixed` holds a line
 * whose question id raises a ValueError: skipped, yet in the denominator (4/5). `spatialrealAfterMap`
 * shows the quirk this port does not reproduce: a Spatial-Real line has no branch, so the script
 * re-scores the previous line's extraction ("northeast") against it and counts it right.
 */
export const ORIGINAL_FILES = {
  mixed: { cases: ['sm0-letter', 'sm1-located', 'sm2-word', 'mn2-not', 'sm3-unsupported-qid'], accuracy: 0.8 },
  spatialrealAfterMap: { first: 'sm0-letter', spatialreal: { oracle: 'northeast', reply: 'southwest' }, accuracy: 1.0 },
} as const;

/**
 * One-line files with these ids (same scripts): how the script routes, or how it stops. A `null`
 * accuracy is a run that raises (int() of a non-number, KeyError for a maze question 3 whose reply
 * has no number word, UnboundLocalError for a task without a branch).
 */
export const ORIGINAL_ROUTES: readonly (readonly [string, string, string, number | null])[] = [
  ['spatialmap.tqa.0001.1', 'Lotus Lounge', 'Lotus Lounge is located to the northeast', 1],
  ['spatialgrid.vqa.7. 2', 'cat', 'cat', 1],
  ['spatialgrid.vqa.7.+1', 'cat', 'cat', 1],
  ['spatialgrid.vqa.7.1_0', 'cat', 'cat', 1],
  ['mazenav.tqa.3.3', '2', 'two', 1],
  ['mazenav.tqa.3.3', '2', 'I cannot tell', null],
  ['spatialmap.tqa.1.x', 'a', 'a', null],
  ['spatialreal.vqa.1.0', 'a', 'a', null],
  ['foo.tqa.1.0', 'a', 'a', null],
  ['spatialmap', 'a', 'a', null],
];
