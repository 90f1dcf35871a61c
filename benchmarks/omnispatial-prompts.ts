/**
 * OmniSpatial's prompt texts, byte for byte: they are sent as they are, so they are facts. The
 * authors' (qizekun/OmniSpatial@208bac25:system_prompts.py) keep two trailing spaces on some
 * lines; VLMEvalKit's copy (vlmeval/dataset/omnispatialbench.py@e8e78f05) and lmms-eval's
 * `omnispatial` copy have them stripped, and VLMEvalKit's manual_cot holds a stray
 * "   # noqa: E501" inside the string (a lint comment typed into the text), which it sends.
 * Both derivations were checked against the Python strings (outside this repo).
 */

const INTRO = '\nYou are a spatial-reasoning assistant.\n\nTask\n-----\nYou will receive  \n';
const ITEMS_SPACED =
  '1. **Image** - a single RGB frame depicting a scene.  \n' +
  '2. **Question** - a natural-language query about spatial relationships between objects in the image.  \n' +
  '3. **Options** - ≥2 answer candidates, each tagged by a capital letter (A, B, C, D…).\n\n';
const GROUND =
  'Always ground your answer in the visual evidence; do not hallucinate unseen objects.\n' +
  'If uncertain, pick the most plausible option—never refuse or reply “insufficient information.”\n';
const MANUAL_STEP3 = '3. Think through the spatial reasoning step-by-step to arrive at your answer. It may be necessary to transfer perspective to better understand the scene.';

export const PROMPT_TYPES = ['none', 'zeroshot_cot', 'manual_cot'] as const;
export type OmniPromptType = (typeof PROMPT_TYPES)[number];

/** The authors' SYS_PROMPTS, by `--prompt_type`. */
export const AUTHORS_SYSTEM_PROMPTS: Readonly<Record<OmniPromptType, string>> = {
  none: `${INTRO}${ITEMS_SPACED}Based on the image and question, provide your answer.\n${GROUND}`,
  // The authors' zero-shot text has the trailing spaces only after "You will receive".
  zeroshot_cot: `${INTRO}${ITEMS_SPACED.replace(/ +\n/g, '\n')}Think step by step and provide the answer.\n${GROUND}`,
  manual_cot:
    `${INTRO}${ITEMS_SPACED}Guidelines\n----------\nPlease follow these steps to analyze the image and answer the question:\n` +
    '1. First, carefully observe the image and identify all relevant objects and their spatial relationships.\n' +
    '2. Next, break down the question into key components that need to be addressed.\n' +
    `${MANUAL_STEP3}\n` +
    '4. Finally, select the most appropriate option (A, B, C, or D) based on your analysis.\n\n' +
    GROUND,
};

/** The authors' FORMAT_PROMPTS, by `--eval_type` (the `llm` judge's is not offered). */
export const FORMAT_PROMPTS = {
  re: '\nEnd your answer with a separate line formatted exactly as:\n\nAnswer: X\nwhere X ∈ {A, B, C, D}.\n',
  json: '\nYou need to respond with the answer in JSON format:\n\n```json\n{\n    "analysis": "The analysis of the image and question",\n    "answer": "A"\n}\n```\n',
  direct: '\nNote: You only need to respond with A, B, C, or D without providing any additional information.\n',
} as const;

const stripLineEnds = (s: string): string => s.replace(/ +$/gm, '');

/** lmms-eval `omnispatial`'s SYS_PROMPTS: the authors' without trailing spaces. */
export const LMMS_SYSTEM_PROMPTS: Readonly<Record<OmniPromptType, string>> = {
  none: stripLineEnds(AUTHORS_SYSTEM_PROMPTS.none),
  zeroshot_cot: stripLineEnds(AUTHORS_SYSTEM_PROMPTS.zeroshot_cot),
  manual_cot: stripLineEnds(AUTHORS_SYSTEM_PROMPTS.manual_cot),
};

/** VLMEvalKit's SYS_PROMPTS, by dataset-name suffix (`_default` is the authors' `none`). */
export const VLMEVALKIT_SYSTEM_PROMPTS = {
  default: LMMS_SYSTEM_PROMPTS.none,
  zeroshot_cot: LMMS_SYSTEM_PROMPTS.zeroshot_cot,
  manual_cot: LMMS_SYSTEM_PROMPTS.manual_cot.replace(`${MANUAL_STEP3}\n`, `${MANUAL_STEP3}   # noqa: E501\n`),
} as const;
export type VlmevalkitPromptMode = keyof typeof VLMEVALKIT_SYSTEM_PROMPTS;

/** VLMEvalKit's build_prompt without a system-prompt suffix (EASI's direct QA format). */
export const VLMEVALKIT_DIRECT_SUFFIX = '\nAnswer directly with the option letter from the given choices. ';

/** lmms-eval `omni_spatial`'s own DEFAULT_SYSTEM_PROMPT (no leading newline, ASCII punctuation, and a multi-view image the data does not have). */
export const LMMS_OMNI_SPATIAL_SYSTEM =
  'You are a spatial-reasoning assistant.\n\nTask\n-----\nYou will receive\n' +
  '1. **Image** - a single RGB frame depicting a scene.\n' +
  '2. **Multi-View Image** - a RGB frame depicting a scene from 6 novel views.\n' +
  '3. **Question** - a natural-language query about spatial relationships between objects in the image.\n' +
  '4. **Options** - >=2 answer candidates, each tagged by a capital letter (A, B, C, D...).\n\n' +
  'Based on the image and question, provide your answer.\n' +
  'Always ground your answer in the visual evidence; do not hallucinate unseen objects.\n' +
  'If uncertain, pick the most plausible option---never refuse or reply "insufficient information."\n';
