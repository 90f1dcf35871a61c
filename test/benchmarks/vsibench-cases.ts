/**
 * VSI-Bench replies and what the original code makes of them. The numbers were printed by
 * /work/xcheck/video15/vsi_xcheck.py, which runs, outside this repo, on exactly these cases: the authors'
 * functions (thinking-in-space@51e089c3 lmms_eval/tasks/vsibench/utils.py: fuzzy_matching, exact_match,
 * mean_relative_accuracy, to_float, vsibench_process_results, vsibench_aggregate_results), lmms-eval's
 * extract_number (@75571cfe) and VLMEvalKit's can_match_option / can_match_na and cal_scores MRA
 * (@e8e78f05, matching_func.py copied whole, num2words stubbed for 0–20), with numpy 2.4.6 and pandas.
 */

export interface VsiCase {
  readonly type: string;
  readonly gold: string;
  readonly reply: string;
  /** The per-item score each original gives (accuracy 0/1 or MRA). */
  readonly official: number;
  readonly vlmevalkit: number;
  readonly lmms: number;
}

export const VSI_CASES: readonly VsiCase[] = [
  { type: "object_counting", gold: "4", reply: "4", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_counting", gold: "4", reply: "Four.", official: 0.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_counting", gold: "4", reply: "3 chairs", official: 0.6, vlmevalkit: 0.6, lmms: 0.6 },
  { type: "object_counting", gold: "4", reply: "There are 4", official: 0.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_counting", gold: "4", reply: "4.0.", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_counting", gold: "4", reply: "three", official: 0.0, vlmevalkit: 0.6, lmms: 0.6 },
  { type: "object_abs_distance", gold: "2.3", reply: "2.3", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_abs_distance", gold: "2.3", reply: "2.0", official: 0.8, vlmevalkit: 0.8, lmms: 0.8 },
  { type: "object_abs_distance", gold: "2.3", reply: "2.3 meters", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_abs_distance", gold: "2.3", reply: "about 2", official: 0.0, vlmevalkit: 0.8, lmms: 0.8 },
  { type: "object_abs_distance", gold: "2.3", reply: "1e0", official: 0.0, vlmevalkit: 0.0, lmms: 0.0 },
  { type: "object_abs_distance", gold: "2.3", reply: "nan", official: 0.0, vlmevalkit: 0.0, lmms: 0.0 },
  { type: "object_size_estimation", gold: "85", reply: "85.", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_size_estimation", gold: "85", reply: "120", official: 0.2, vlmevalkit: 0.2, lmms: 0.2 },
  { type: "object_size_estimation", gold: "85", reply: "-85", official: 0.0, vlmevalkit: 0.0, lmms: 0.0 },
  { type: "object_size_estimation", gold: "85", reply: "42.5", official: 0.1, vlmevalkit: 0.1, lmms: 0.1 },
  { type: "object_size_estimation", gold: "85", reply: "inf", official: 0.0, vlmevalkit: 0.0, lmms: 0.0 },
  { type: "object_size_estimation", gold: "85", reply: "1_00", official: 0.7, vlmevalkit: 0.0, lmms: 0.0 },
  { type: "room_size_estimation", gold: "20.5", reply: "20.5\n", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "room_size_estimation", gold: "20.5", reply: "16.4", official: 0.6, vlmevalkit: 0.6, lmms: 0.6 },
  { type: "room_size_estimation", gold: "20.5", reply: "24", official: 0.7, vlmevalkit: 0.7, lmms: 0.7 },
  { type: "room_size_estimation", gold: "20.5", reply: "twenty-one square meters", official: 0.0, vlmevalkit: 0.0, lmms: 1.0 },
  { type: "room_size_estimation", gold: "20.5", reply: "It is 18 or 19", official: 0.0, vlmevalkit: 0.9, lmms: 0.8 },
  { type: "object_rel_direction_easy", gold: "A", reply: "A", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_rel_direction_easy", gold: "A", reply: "a.", official: 1.0, vlmevalkit: 0.0, lmms: 1.0 },
  { type: "object_rel_direction_easy", gold: "A", reply: "A. left", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_rel_direction_easy", gold: "A", reply: "B", official: 0.0, vlmevalkit: 0.0, lmms: 0.0 },
  { type: "object_rel_direction_medium", gold: "C", reply: "C", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_rel_direction_medium", gold: "C", reply: "The answer is C", official: 0.0, vlmevalkit: 1.0, lmms: 0.0 },
  { type: "object_rel_direction_medium", gold: "C", reply: "(C)", official: 0.0, vlmevalkit: 1.0, lmms: 0.0 },
  { type: "object_rel_direction_hard", gold: "B", reply: "B.", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_rel_direction_hard", gold: "B", reply: "b", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_rel_direction_hard", gold: "B", reply: "D", official: 0.0, vlmevalkit: 0.0, lmms: 0.0 },
  { type: "object_rel_distance", gold: "D", reply: "D", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_rel_distance", gold: "D", reply: "D\nbecause it is nearest", official: 0.0, vlmevalkit: 1.0, lmms: 0.0 },
  { type: "object_rel_distance", gold: "D", reply: " D", official: 0.0, vlmevalkit: 1.0, lmms: 0.0 },
  { type: "route_planning", gold: "A", reply: "A", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "route_planning", gold: "A", reply: "A..", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "route_planning", gold: "A", reply: "C", official: 0.0, vlmevalkit: 0.0, lmms: 0.0 },
  { type: "obj_appearance_order", gold: "B", reply: "B", official: 1.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "obj_appearance_order", gold: "B", reply: "B,", official: 0.0, vlmevalkit: 1.0, lmms: 0.0 },
  { type: "obj_appearance_order", gold: "B", reply: "A", official: 0.0, vlmevalkit: 0.0, lmms: 0.0 },
  { type: "object_counting", gold: "4", reply: "<think>maybe 3 or 5</think> 4", official: 0.0, vlmevalkit: 1.0, lmms: 0.6 },
  { type: "object_abs_distance", gold: "2.3", reply: "<answer>2.5 m</answer>", official: 0.0, vlmevalkit: 0.9, lmms: 0.9 },
  { type: "room_size_estimation", gold: "20.5", reply: "Twenty", official: 0.0, vlmevalkit: 1.0, lmms: 1.0 },
  { type: "object_size_estimation", gold: "85", reply: "I think 80 cm, maybe 90", official: 0.0, vlmevalkit: 0.9, lmms: 0.9 },
  { type: "route_planning", gold: "A", reply: "<answer>C</answer>", official: 0.0, vlmevalkit: 0.0, lmms: 0.0 },
  { type: "obj_appearance_order", gold: "B", reply: "The answer is B", official: 0.0, vlmevalkit: 1.0, lmms: 0.0 },
  { type: "object_rel_distance", gold: "D", reply: "<think>A or D</think>\nD", official: 0.0, vlmevalkit: 1.0, lmms: 0.0 },
];

/** The aggregate each original computes (×100 in its table), keyed by our metric names. */
export const VSI_OFFICIAL_AGGREGATE: Readonly<Record<string, number>> = {
  "obj_appearance_order": 0.25,
  "object_abs_distance": 0.39999999999999997,
  "object_counting": 0.37142857142857144,
  "object_rel_distance": 0.25,
  "object_size_estimation": 0.2857142857142857,
  "room_size_estimation": 0.3833333333333333,
  "route_planning": 0.5,
  "object_rel_direction": 0.5833333333333334,
  "Overall": 0.37797619047619047
};

export const VSI_VLMEVALKIT_AGGREGATE: Readonly<Record<string, number>> = {
  "obj_appearance_order": 0.75,
  "object_abs_distance": 0.6428571428571429,
  "object_counting": 0.8857142857142856,
  "object_rel_distance": 1.0,
  "object_size_estimation": 0.31428571428571433,
  "room_size_estimation": 0.6999999999999998,
  "route_planning": 0.5,
  "object_rel_direction": 0.7222222222222222,
  "Overall": 0.6893849206349206
};

export const VSI_LMMS_AGGREGATE: Readonly<Record<string, number>> = {
  "obj_appearance_order": 0.25,
  "object_abs_distance": 0.6428571428571429,
  "object_counting": 0.8285714285714284,
  "object_rel_distance": 0.25,
  "object_size_estimation": 0.31428571428571433,
  "room_size_estimation": 0.85,
  "route_planning": 0.5,
  "object_rel_direction": 0.5833333333333334,
  "Overall": 0.5273809523809524
};
