/**
 * OmniSpatial cross-check tables, produced by running the original Python outside this repo
 * (/work/xcheck/omni16: xcheck.py calls qizekun/OmniSpatial@208bac25 api_eval.process_info with
 * the reply stubbed in, and lmms-eval@75571cfe omni_spatial_process_results; prompts_xcheck.py
 * hashes the prompts process_info, VLMEvalKit@e8e78f05 OmniSpatialBench.build_prompt and
 * omni_spatial_doc_to_text build for PROMPT_ITEM).
 */

/** [reply, letter credited by re, direct, json, lmms-eval omni_spatial] ('' = none credited). */
export const OMNI_LETTERS: readonly (readonly [string, string, string, string, string])[] = [
  ["Answer: B", "B", "A", "A", "A"],
  ["answer: c", "", "A", "A", "A"],
  ["ANSWER : D", "D", "A", "A", "A"],
  ["Answer:A", "A", "A", "A", "A"],
  ["The reasoning...\n\nAnswer: C", "C", "", "A", ""],
  ["Answer: A\nwait, Answer: D", "D", "A", "A", "A"],
  ["Answer: B.", "B", "A", "A", "A"],
  ["Answer: B1", "A", "A", "A", "A"],
  ["Answer: E", "A", "A", "A", "A"],
  ["Answer: (B)", "A", "A", "A", "A"],
  ["Answer:\u3000C", "C", "A", "A", "A"],
  ["Answer:\n\nB", "B", "A", "A", "A"],
  ["Final Answer: D", "D", "", "A", ""],
  ["An\u017fwer: C", "C", "A", "A", "A"],
  ["The answer is B", "A", "", "A", ""],
  ["", "A", "", "A", ""],
  ["B", "A", "B", "A", "B"],
  ["b", "A", "B", "A", "B"],
  [" c) because", "A", "C", "A", "C"],
  ["**A**", "A", "", "A", ""],
  ["\u00df", "A", "", "A", ""],
  ["\u3000D", "A", "D", "A", "D"],
  ["Answer: **B**", "A", "A", "A", "A"],
  ["answer:d", "", "A", "A", "A"],
  ["```json\n{\"analysis\": \"x\", \"answer\": \"C\"}\n```", "A", "", "C", ""],
  ["{\"answer\": \"b\"}", "A", "", "B", ""],
  ["{\"answer\": \"  d  \"}", "A", "", "D", ""],
  ["{\"analysis\": \"no answer\"}", "A", "", "A", ""],
  ["{\"answer\": 3}", "A", "", "A", ""],
  ["{\"answer\": null}", "A", "", "A", ""],
  ["[\"B\"]", "A", "", "A", ""],
  ["{\"answer\": \"\"}", "A", "", "", ""],
  ["```json\n{\"answer\": \"B\"}", "A", "", "B", ""],
  ["{\"answer\": \"B\"}```", "A", "", "B", ""],
  ["<think>Answer: A</think>B", "A", "", "A", "B"],
  ["<think>x</think><answer> c </answer>", "A", "", "A", "C"],
  ["<thought>Answer: D</thought>\nC", "D", "", "A", "C"],
  ["<ANSWER>D</ANSWER>", "A", "", "A", "D"],
  ["Answer: A</think>C", "A", "A", "A", "C"],
  ["I think\nAnswer: B\n", "B", "", "A", ""],
  ["Answer: C\u00b2", "A", "A", "A", "A"],
  ["Answer: C\u00e9", "A", "A", "A", "A"],
  ["Answer: C_", "A", "A", "A", "A"],
  ["Answer: A or B", "A", "A", "A", "A"],
  ["The Answer: b. Final Answer: C", "C", "", "A", ""],
];

export const PROMPT_ITEM = { id: '7_2', question: 'If you walk to the door, which side is the lamp on?', options: ['left', 'right', 'behind you', 'in front of you'], answer: 1, task_type: 'Perspective_Taking', sub_task_type: 'Egocentric' };

/** sha256 of each prompt text as the originals build it for PROMPT_ITEM (VLMEvalKit `/3`: option D NaN). */
export const PROMPT_SHA256 = {
  'official': {
    'none/re': 'ae87f51a84bb65ffbcf7390fe65e3ec73c5a3eddc7488eec846fb9c53af5ec9b',
    'none/direct': 'c8d2b156ff931023b684b7141f35523d46e082258ccc93a67bc78f96429f74c8',
    'none/json': 'de2a6ebecd1e2cd70f0f2ab6834d5d3a29a35809f7b9b3b28ce70361c12c2157',
    'zeroshot_cot/re': 'd79d3f902d0b1228de8832bdebe2a6dc4df8fa43f139c633ca4a0a93e6f6e5ae',
    'zeroshot_cot/direct': 'fe454c47f7f44ae6ff4b6ced594fa040b0f8c5909cceffeee035e1936a9910ea',
    'zeroshot_cot/json': '98a5190beb35c3cc14ccc93b32b09074cb2741edbb3a429edc94348a9297bab1',
    'manual_cot/re': '9811eea7073f08e38cd0d7e67f575ebeb309e33e3c362692d6a4a3ed0d1cfa69',
    'manual_cot/direct': '85dc05c3a443f3b929be6da72676dcbb9de42d011626953a15ffb884f0f03d4d',
    'manual_cot/json': '0f1ed9aa682d1a0687d3858e8275a14605916d37c7c9da2345428244d3d00c68'
  },
  'official_user': '12c413daba5f34f9e0abd8727e9c36d51f3618e31abe7fb10774ec8f4ba0c68e',
  'vlmevalkit': {
    'OmniSpatialBench': '10efe5fe0d46527f799f7e9eb75a579c0053203977db56f10acc540367fd3cb0',
    'OmniSpatialBench/3': '54e179ebdac952c57d9cdfa366e1a16a9adcd1400834d64923529a689db02386',
    'OmniSpatialBench_default': 'e2a53d2916266be48c78e7464be1f3f0719c74ab79d70afbc3b02c4742ecc284',
    'OmniSpatialBench_default/3': 'b8d9bcc2c565afea766b1314dbde8854ed0c4fefb039b0d7f299aad625357c66',
    'OmniSpatialBench_zeroshot_cot': '35eab2effb7297349a2e065b4709d45c8ffaa0140abbae7dcff36ab96a780799',
    'OmniSpatialBench_zeroshot_cot/3': '2f9d89278192e56c4d4260bfc20b1030905b6de97a9e753e7c534ffc066b889d',
    'OmniSpatialBench_manual_cot': '75d40206d1fbd0c19f8346745a7252d4b299794e34e2163d49e84c81994716f5',
    'OmniSpatialBench_manual_cot/3': 'b5a59e7f127f10ada822ce5c8efe3d8e47b66b4fd164ef74bfa053edbebe7e0c'
  },
  'lmms_omni_spatial': '1ddca70a6252208a4b49feec4d1ae57da0af63215030c1713dbda257c2aa325d'
} as const;
