/**
 * Actial's reward function (warmsnow-sh/Actial@32f46c31:verl/utils/reward_score/reward_custom.py)
 * run by CPython 3 on these cases, outside the repo (/work/xcheck/sharegpt16/cases.py: the file as
 * published, its unused mathruler import stubbed): `format_reward`, `accuracy_reward_translation`,
 * `compute_score` and `extract_answer_content` ("None" when there is no tag), verbatim.
 */
export interface RewardCase {
  readonly response: string;
  readonly groundTruth: string;
  readonly format: number;
  readonly accuracy: number;
  readonly reward: number;
  readonly content: string;
}

export const REWARD_CASES: readonly RewardCase[] = [
  { response: "<think>left moves</think><answer>A</answer>", groundTruth: "A", format: 1.0, accuracy: 1.0, reward: 1.0, content: "A" },
  { response: "<think>x</think> <answer>B</answer>", groundTruth: "A", format: 1.0, accuracy: 0.0, reward: 0.5, content: "B" },
  { response: "  \n<think>\nmulti\nline\n</think>\n\n<answer> A </answer>\n  ", groundTruth: "A", format: 1.0, accuracy: 1.0, reward: 1.0, content: "A" },
  { response: "<THINK>x</THINK><ANSWER>A</ANSWER>", groundTruth: "A", format: 1.0, accuracy: 1.0, reward: 1.0, content: "A" },
  { response: "<answer>A</answer>", groundTruth: "A", format: 0.0, accuracy: 1.0, reward: 0.5, content: "A" },
  { response: "A", groundTruth: "A", format: 0.0, accuracy: 0.0, reward: 0.0, content: "None" },
  { response: "", groundTruth: "A", format: 0.0, accuracy: 0.0, reward: 0.0, content: "None" },
  { response: "No tags at all", groundTruth: "None", format: 0.0, accuracy: 1.0, reward: 0.5, content: "None" },
  { response: "", groundTruth: "None", format: 0.0, accuracy: 1.0, reward: 0.5, content: "None" },
  { response: "<think>t</think><answer></answer>", groundTruth: "A", format: 1.0, accuracy: 0.0, reward: 0.5, content: "" },
  { response: "<think>t</think><answer>   </answer>", groundTruth: "", format: 1.0, accuracy: 0.0, reward: 0.5, content: "" },
  { response: "<think>t</think><answer>a</answer>", groundTruth: "A", format: 1.0, accuracy: 0.0, reward: 0.5, content: "a" },
  { response: "<think>t</think><answer>A</answer><answer>B</answer>", groundTruth: "B", format: 1.0, accuracy: 0.0, reward: 0.5, content: "A" },
  { response: "<think>t</think><answer>B</answer> trailing", groundTruth: "B", format: 0.0, accuracy: 1.0, reward: 0.5, content: "B" },
  { response: "prefix <think>t</think><answer>B</answer>", groundTruth: "B", format: 0.0, accuracy: 1.0, reward: 0.5, content: "B" },
  { response: "<think>a</think><think>b</think><answer>C</answer>", groundTruth: "C", format: 1.0, accuracy: 1.0, reward: 1.0, content: "C" },
  { response: "<answer>C</answer><think>t</think>", groundTruth: "C", format: 0.0, accuracy: 1.0, reward: 0.5, content: "C" },
  { response: "<think>unclosed<answer>C</answer>", groundTruth: "C", format: 0.0, accuracy: 1.0, reward: 0.5, content: "C" },
  { response: "<think>t</think><answer>C", groundTruth: "C", format: 0.0, accuracy: 0.0, reward: 0.0, content: "None" },
  { response: "\u001c<think>t</think><answer>C</answer>\u001f", groundTruth: "C", format: 1.0, accuracy: 1.0, reward: 1.0, content: "C" },
  { response: "\ufeff<think>t</think><answer>C</answer>", groundTruth: "C", format: 0.0, accuracy: 1.0, reward: 0.5, content: "C" },
  { response: "<think>t</think>\u0085<answer>\u3000C\u00a0</answer>", groundTruth: "C", format: 1.0, accuracy: 1.0, reward: 1.0, content: "C" },
  { response: "<th\u0131nk>t</th\u0130nk><an\u017fwer>C</an\u017fwer>", groundTruth: "C", format: 1.0, accuracy: 1.0, reward: 1.0, content: "C" },
  { response: "<thin\u212a>t</thin\u212a><answer>C</answer>", groundTruth: "C", format: 1.0, accuracy: 1.0, reward: 1.0, content: "C" },
  { response: "<think>t</think><answer>Move to the left</answer>", groundTruth: "Move to the left", format: 1.0, accuracy: 1.0, reward: 1.0, content: "Move to the left" },
  { response: "<think>t</think><answer>r,A</answer>", groundTruth: "r,A", format: 1.0, accuracy: 1.0, reward: 1.0, content: "r,A" },
  { response: "<think>t</think><answer>\nA\n</answer>", groundTruth: "A", format: 1.0, accuracy: 1.0, reward: 1.0, content: "A" },
  { response: "<think>t</think><Answer>A</aNSWER>", groundTruth: "A", format: 1.0, accuracy: 1.0, reward: 1.0, content: "A" },
];
