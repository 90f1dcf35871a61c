/**
 * SAT rule cases with the ORIGINAL code's verdicts. Every expected value was produced outside this
 * repo by running the originals under CPython 3.11 on these strings: the authors' QAAccuracy.update
 * and format_prompts / RealSATDynamic.get_prefix (arijitray1993/SAT@d5dcb101: models/eval_funcs.py,
 * custom_datasets/dataloaders.py), and lmms-eval's sat task (EvolvingLMMs-Lab/lmms-eval@75571cfe:
 * lmms_eval/tasks/sat/utils.py sat_doc_to_text / sat_doc_to_target / MultiChoiceRegexFilter.apply,
 * then the strip of Task.process_results and lmms_eval/api/metrics.py exact_match_hf_evaluate with
 * ignore_case and ignore_punctuation, as sat.yaml wires them).
 *
 * QAAccuracy got `gt['prompts'][0]`: the question alone for QA_FIRST (as first cross-checked), the
 * whole LLaVA prompt format_prompts builds (two images, the options in the listed order) for
 * QA_MORE. `null` = the original raises IndexError (which stops the authors' whole evaluation).
 */

export const LLAVA_EXAMPLE = {
  /** format_prompts(['a.jpg', 'b.jpg'], ' How did the camera move?', ['Rotated left', 'Rotated right'], ..., 'llava', 'val'), random.seed(0). */
  prompt: "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the human's questions.###Human: <im_start><image><image><im_end> \nHuman: Answer in natural language.  How did the camera move? Answer the question using a single word or phrase. Choose between the following options: \"Rotated left\" or \"Rotated right\". ###Assistant: \n",
  egoPrefix: "The first image is from the beginning of the video and the second image is from the end. ",
};

/** [id, images, question, question_type, options in prompt order, LLaVA prompt, the authors' chat cut]. */
export const PROMPTS: readonly (readonly [string, number, string, string, readonly string[], string, string])[] = [
  ["ego-two-images", 2, "How did the camera likely move when shooting the video?", "ego_movement", ["Rotated left", "Rotated right"], "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the human's questions.###Human: <im_start><image><image><im_end> \nHuman: Answer in natural language. The first image is from the beginning of the video and the second image is from the end.  How did the camera likely move when shooting the video? Answer the question using a single word or phrase. Choose between the following options: \"Rotated left\" or \"Rotated right\". ###Assistant: \n", " The first image is from the beginning of the video and the second image is from the end.  How did the camera likely move when shooting the video? Answer the question using a single word or phrase. Choose between the following options: \"Rotated left\" or \"Rotated right\". "],
  ["obj-one-image", 1, "Did any of the objects in the initial frame move?", "obj_movement", ["No", "Yes, the chair moved left"], "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the human's questions.###Human: <im_start><image><im_end> \nHuman: Answer in natural language.  Did any of the objects in the initial frame move? Answer the question using a single word or phrase. Choose between the following options: \"No\" or \"Yes, the chair moved left\". ###Assistant: \n", "  Did any of the objects in the initial frame move? Answer the question using a single word or phrase. Choose between the following options: \"No\" or \"Yes, the chair moved left\". "],
  ["goal-trailing-space", 1, "Which way do I need to go to reach the sofa? ", "goal_aim", ["left", "right"], "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the human's questions.###Human: <im_start><image><im_end> \nHuman: Answer in natural language.  Which way do I need to go to reach the sofa?  Answer the question using a single word or phrase. Choose between the following options: \"left\" or \"right\". ###Assistant: \n", "  Which way do I need to go to reach the sofa?  Answer the question using a single word or phrase. Choose between the following options: \"left\" or \"right\". "],
  ["single-option", 1, "Is the lamp on?", "perspective", ["yes"], "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the human's questions.###Human: <im_start><image><im_end> \nHuman: Answer in natural language.  Is the lamp on? Answer the question using a single word or phrase. ###Assistant: \n", "  Is the lamp on? Answer the question using a single word or phrase. "],
];

/** [id, prompt as QAAccuracy saw it, gold answer text, reply, correct (1/0)]. */
export const QA_FIRST: readonly (readonly [string, string, string, string, number])[] = [
  ["exact", "How did the camera likely move when shooting the video?", "Rotated right", "Rotated right", 1],
  ["case-space", "How did the camera likely move when shooting the video?", "Rotated right", "  rotated RIGHT  ", 1],
  ["trailing-period", "How did the camera likely move when shooting the video?", "Rotated right", "Rotated right.", 0],
  ["quoted", "How did the camera likely move when shooting the video?", "Rotated right", "\"Rotated right\"", 0],
  ["after-hashes", "How did the camera likely move when shooting the video?", "Rotated right", "Rotated right ###Human: next", 1],
  ["empty-then-assistant", "How did the camera likely move when shooting the video?", "Rotated right", "###Assistant: rotated right ###", 1],
  ["answer-colon", "How did the camera likely move when shooting the video?", "Rotated right", "ANSWER: rotated right", 0],
  ["answer-colon-word", "Which way do I need to go?", "left", "Answer: left turn", 1],
  ["ight-bug", "Did it move?", "right", "ight", 1],
  ["is-located", "If I move to the door, where is the lamp?", "left", "The lamp is located left of me", 1],
  ["list-1", "If I move to the door, where is the lamp?", "left", "1. left", 1],
  ["yes-no", "Did any of the objects in the initial frame move?", "yes", "Yes", 1],
  ["yes-no-sentence", "Did any of the objects in the initial frame move?", "no", "No, nothing moved", 0],
  ["camera-moving", "Is the camera moving left or right?", "left", "The camera is moving clockwise", 1],
  ["parens-gt", "If I turn, what happens?", "move (left)", "move left", 1],
  ["wrong", "How did the camera likely move when shooting the video?", "Rotated right", "Rotated left", 0],
  ["sentence", "How did the camera likely move when shooting the video?", "Rotated right", "The camera rotated right.", 0],
];

/** [id, question_type, question, options in prompt order, gold answer text, reply, correct (1/0) or null (raises)]. */
export const QA_MORE: readonly (readonly [string, string, string, readonly string[], string, string, number | null])[] = [
  ["night-stand", "obj_movement", "What moved?", ["night stand", "lamp"], "night stand", "night stand", 0],
  ["ight-stand", "obj_movement", "What moved?", ["night stand", "lamp"], "night stand", "ight stand", 1],
  ["is-located-on-the", "perspective", "Where is the lamp?", ["left", "right"], "left", "The lamp is located on the left", 0],
  ["is-located-end", "perspective", "Where is the lamp?", ["left", "right"], "left", "The lamp is located", null],
  ["answer-colon-nospace", "goal_aim", "Which way?", ["left", "right"], "left", "answer:left", null],
  ["answer-colon-lower", "goal_aim", "Which way?", ["left", "right"], "left", "The answer: left", 1],
  ["hash-human-no-colon", "goal_aim", "Which way?", ["left", "right"], "left", "###Human left", null],
  ["hash-human-colon", "goal_aim", "Which way?", ["left", "right"], "left", "###Human: left ###", 1],
  ["hash-assistant-no-colon", "goal_aim", "Which way?", ["left", "right"], "left", "###Assistant left", 0],
  ["empty", "goal_aim", "Which way?", ["left", "right"], "left", "", 0],
  ["whitespace-only", "goal_aim", "Which way?", ["left", "right"], "left", " \n ", 0],
  ["camera-moving-end", "ego_movement", "Is the camera moving left or right?", ["left", "right"], "left", "The camera is moving", null],
  ["camera-moving-word", "ego_movement", "Is the camera moving left or right?", ["left", "right"], "right", "It is moving right slowly", 1],
  ["camera-counter", "ego_movement", "Is the camera moving left or right?", ["left", "right"], "right", "moving counter-clockwise", 1],
  ["camera-no-moving", "ego_movement", "Is the camera moving left or right?", ["left", "right"], "left", "left", 1],
  ["closer-is", "perspective", "Which object is closer to the camera, the chair or the lamp?", ["chair", "lamp"], "chair", "The chair is closer to the camera", 1],
  ["closer-are", "perspective", "Which object is closer to the camera, the chair or the lamp?", ["chairs", "lamp"], "chairs", "The chairs are closer", 1],
  ["closer-situated", "perspective", "Which object is closer to the camera, the chair or the lamp?", ["chair", "lamp"], "chair", "the chair is situated closer", 1],
  ["closer-plain", "perspective", "Which object is closer to the camera, the chair or the lamp?", ["chair", "lamp"], "chair", "chair", 1],
  ["relpos-right", "perspective", "Considering the relative positions, is the mug to the left or right of the plate?", ["left", "right"], "right", "The mug is located to the right", 1],
  ["relpos-left", "perspective", "Considering the relative positions, is the mug to the left or right of the plate?", ["left", "right"], "right", "The mug is located to the left", 0],
  ["highlighted", "perspective", "Which object?", ["the mug", "the plate"], "the mug", "the mug (highlighted by red box)", 1],
  ["marked", "perspective", "Which object?", ["the mug", "the plate"], "the mug", "the mug (marked by red box)", 0],
  ["list-1-twice", "perspective", "Which?", ["left", "right"], "left", "1. left 1. right", 1],
  ["yes-retake", "obj_movement", "Did it move?", ["yes", "no"], "yes", "Sure ###Assistant: yes ###", 1],
  ["yes-retake-none", "obj_movement", "Did it move?", ["yes", "no"], "yes", "Yes, it did", 0],
  ["Yes-capital-gt", "obj_movement", "Did it move?", ["Yes", "No"], "Yes", "yes", 1],
  ["gt-spaces", "goal_aim", "Which way?", ["  Left ", "right"], "  Left ", "left", 1],
  ["unicode-space", "goal_aim", "Which way?", ["left", "right"], "left", "\u3000left\u3000", 1],
  ["fullwidth", "goal_aim", "Which way?", ["left", "right"], "left", "LEFT", 1],
  ["ego-text", "ego_movement", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], "Rotated right", "rotated right", 1],
];

/** lmms-eval sat_doc_to_text of two docs: [question, answers, prompt]. */
export const LMMS_PROMPTS: readonly (readonly [string, readonly string[], string])[] = [
  ["How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], "How did the camera likely move when shooting the video?\nWhen multiple images are provided, You want to realize that when camera moves left, the objects in the image move right, and vice versa. And when you are asked about the movement of the same object captured in different images, you can compare the position of the object relative to other objects in the image to answer the question.\n\nA. Rotated left\nB. Rotated right\n\nOnly output the letter of the correct option and nothing else."],
  ["Did any of the objects in the initial frame move?  ", ["Yes, the chair moved left", "No"], "Did any of the objects in the initial frame move?\nWhen multiple images are provided, You want to realize that when camera moves left, the objects in the image move right, and vice versa. And when you are asked about the movement of the same object captured in different images, you can compare the position of the object relative to other objects in the image to answer the question.\n\nA. Yes, the chair moved left\nB. No\n\nOnly output the letter of the correct option and nothing else."],
];

/** [id, question, answers, correct_answer_idx, response, filter output, exact_match (1/0)]. */
export const LMMS: readonly (readonly [string, string, readonly string[], number, string, string, number])[] = [
  ["letter", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "B", "B", 1],
  ["letter-lower", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "b", "b", 1],
  ["letter-period", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "B.", "B", 1],
  ["bold", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "**B**", "B", 1],
  ["paren", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "(B) Rotated right", "B", 1],
  ["letter-dot-text", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "B. Rotated right", "B", 1],
  ["answer-is", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "The answer is B", "The", 0],
  ["answer-colon", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "Answer: B", "Answer", 0],
  ["text-only", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "Rotated right", "Rotated", 0],
  ["wrong-letter", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "A", "A", 0],
  ["leading-space", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, " B", "B", 1],
  ["newline-after", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "B\nBecause the scene shifts left.", "B\nBecause", 0],
  ["newline-before", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "\nB", "B", 1],
  ["tab", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "B\tright", "B\tright", 0],
  ["empty", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "", "", 0],
  ["think-tags", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "<think>rotation</think><answer>B</answer>", "thinkrotationthinkanswerBanswer", 0],
  ["unicode-punct", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "\u00abB\u00bb", "B", 1],
  ["underscore", "How did the camera likely move when shooting the video?", ["Rotated left", "Rotated right"], 1, "B_", "B_", 1],
  ["letter-A-correct-obj", "Did any of the objects in the initial frame move?  ", ["Yes, the chair moved left", "No"], 0, "A", "A", 1],
  ["obj-yes-text", "Did any of the objects in the initial frame move?  ", ["Yes, the chair moved left", "No"], 0, "Yes", "Yes", 0],
  ["q-options-match", "Pick one.\nA. Rotated left\nB. Rotated right", ["Rotated left", "Rotated right"], 1, "I think Rotated right", "B", 1],
  ["q-options-first", "Pick one.\nA. Rotated left\nB. Rotated right", ["Rotated left", "Rotated right"], 1, "Rotated left or Rotated right", "A", 0],
  ["q-options-punct", "Pick one.\nA. left, really\nB. right", ["Rotated left", "Rotated right"], 1, "left really", "left", 0],
  ["q-empty-option", "Go to point B. ", ["Rotated left", "Rotated right"], 1, "A", "A", 0],
  ["q-letter-dot", "Is the marker B. closer?", ["Rotated left", "Rotated right"], 1, "closer", "closer", 0],
  ["bold-text", "How did the camera move?", ["Rotated left", "Rotated right"], 1, "**B. Rotated right**", "B", 1],
  ["fullwidth-B", "How did the camera move?", ["Rotated left", "Rotated right"], 1, "\uff22", "\uff22", 0],
  ["nbsp", "How did the camera move?", ["Rotated left", "Rotated right"], 1, "B\u00a0right", "B\u00a0right", 0],
  ["ideographic-space", "How did the camera move?", ["Rotated left", "Rotated right"], 1, "B\u3000right", "B\u3000right", 0],
  ["digits", "How did the camera move?", ["Rotated left", "Rotated right"], 1, "2", "2", 0],
  ["combining", "How did the camera move?", ["Rotated left", "Rotated right"], 1, "B\u0301", "B", 1],
];
