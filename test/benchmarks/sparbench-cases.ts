/**
 * (task, gold, reply) cases and what LogosRoboticsGroup/SPAR@1cc04758's scoring makes of them:
 * `credit` from sparbench_process_results, `AGGREGATE` from sparbench_aggregate_results over all rows.
 * Produced by running the original functions (/work/xcheck/spar15/spar_xcheck.py), not by this code.
 */
export interface SparCase {
  readonly task: string;
  readonly answer: string;
  readonly prediction: string;
  readonly credit: number;
}

export const SPAR_CASES: readonly SparCase[] = [
  { task: "obj_spatial_relation_oo", answer: "A", prediction: "A", credit: 1.0 },
  { task: "obj_spatial_relation_oo", answer: "B", prediction: "", credit: 1.0 },
  { task: "obj_spatial_relation_oc_mv", answer: "C", prediction: "c", credit: 1.0 },
  { task: "obj_spatial_relation_oc_mv", answer: "D", prediction: "The answer is D", credit: 0.0 },
  { task: "obj_spatial_relation_oo_mv", answer: "A", prediction: "B", credit: 0.0 },
  { task: "obj_spatial_relation_oo_mv", answer: "B", prediction: "b. left", credit: 1.0 },
  { task: "spatial_imagination_oc", answer: "C", prediction: " C", credit: 0.0 },
  { task: "spatial_imagination_oc", answer: "D", prediction: "D.", credit: 1.0 },
  { task: "spatial_imagination_oo", answer: "A", prediction: "a", credit: 1.0 },
  { task: "spatial_imagination_oo", answer: "B", prediction: "Bed", credit: 1.0 },
  { task: "spatial_imagination_oc_mv", answer: "C", prediction: "(C)", credit: 0.0 },
  { task: "spatial_imagination_oc_mv", answer: "D", prediction: "d", credit: 1.0 },
  { task: "spatial_imagination_oo_mv", answer: "A", prediction: "<answer>A</answer>", credit: 0.0 },
  { task: "spatial_imagination_oo_mv", answer: "B", prediction: "B", credit: 1.0 },
  { task: "position_matching", answer: "A", prediction: "A", credit: 1.0 },
  { task: "position_matching", answer: "C", prediction: "A", credit: 0.0 },
  { task: "camera_motion_infer", answer: "B", prediction: "B", credit: 1.0 },
  { task: "camera_motion_infer", answer: "D", prediction: "Option D", credit: 0.0 },
  { task: "distance_infer_center_oo", answer: "A", prediction: "A", credit: 1.0 },
  { task: "distance_infer_center_oo", answer: "B", prediction: "C", credit: 0.0 },
  { task: "distance_infer_center_oo_mv", answer: "C", prediction: "C", credit: 1.0 },
  { task: "distance_infer_center_oo_mv", answer: "D", prediction: "D\n", credit: 1.0 },
  { task: "depth_prediction_oc", answer: "1.5", prediction: "1.5", credit: 1.0 },
  { task: "depth_prediction_oc", answer: "2.0", prediction: "about 2.3 meters or 3", credit: 0.8 },
  { task: "depth_prediction_oo", answer: "0.8", prediction: "It is 10^2 or 0.9", credit: 0.0 },
  { task: "depth_prediction_oo", answer: "0", prediction: "0.3", credit: 0.5 },
  { task: "distance_prediction_oc", answer: "3.2", prediction: "none", credit: 0.0 },
  { task: "distance_prediction_oc", answer: "2.5", prediction: "-2.5", credit: 1.0 },
  { task: "distance_prediction_oo", answer: "1.0", prediction: "1.05", credit: 1.0 },
  { task: "distance_prediction_oo", answer: "4", prediction: "4 m", credit: 1.0 },
  { task: "depth_prediction_oc_mv", answer: "1.2", prediction: "first 0.5 then 1.1", credit: 0.9 },
  { task: "depth_prediction_oc_mv", answer: "2.2", prediction: "no idea", credit: 0.0 },
  { task: "depth_prediction_oo_mv", answer: "0.5", prediction: "0.5", credit: 1.0 },
  { task: "depth_prediction_oo_mv", answer: "1.5", prediction: "1,5", credit: 0.0 },
  { task: "distance_prediction_oo_mv", answer: "2.0", prediction: "2.8", credit: 0.3 },
  { task: "distance_prediction_oo_mv", answer: "3.0", prediction: "3.0.", credit: 1.0 },
  { task: "distance_prediction_oc_mv", answer: "1.1", prediction: "1.1", credit: 1.0 },
  { task: "distance_prediction_oc_mv", answer: "0.7", prediction: "0.35", credit: 0.1 },
  { task: "view_change_infer", answer: "move_right:0.3,rotate_left:10", prediction: "move_right:0.3,rotate_left:10", credit: 1.0 },
  { task: "view_change_infer", answer: "move_forward:1.2,rotate_right:30", prediction: "move_forward:1.0,rotate_right:45", credit: 0.82 },
  { task: "view_change_infer", answer: "move_left:0.5,move_up:0.2", prediction: "move_left: 0.5, move_up:0.2", credit: 0.9199999999999999 },
  { task: "view_change_infer", answer: "rotate_down:20", prediction: "", credit: 0.0 },
  { task: "view_change_infer", answer: "move_backward:0.4", prediction: "move_backward:0.4,move_backward:0.8", credit: 0.82 },
  { task: "view_change_infer", answer: "move_right:0.3", prediction: "move_right:0", credit: 0.9 },
  { task: "depth_prediction_oc", answer: "1.0", prediction: "١٫٥ or 1.2", credit: 1.0 },
  { task: "distance_prediction_oo", answer: "2", prediction: "2e1", credit: 1.0 },
];

/** The official output dict over SPAR_CASES (task scores, overall, Low, Middle, High). */
export const SPAR_AGGREGATE: Readonly<Record<string, number>> = {
  "camera_motion_infer_accuracy": 0.5,
  "depth_prediction_oc_MRA:.5:.95:.05": 0.9333333333333332,
  "depth_prediction_oc_mv_MRA:.5:.95:.05": 0.45,
  "depth_prediction_oo_MRA:.5:.95:.05": 0.25,
  "depth_prediction_oo_mv_MRA:.5:.95:.05": 0.5,
  "distance_infer_center_oo_accuracy": 0.5,
  "distance_infer_center_oo_mv_accuracy": 1.0,
  "distance_prediction_oc_MRA:.5:.95:.05": 0.5,
  "distance_prediction_oc_mv_MRA:.5:.95:.05": 0.55,
  "distance_prediction_oo_MRA:.5:.95:.05": 1.0,
  "distance_prediction_oo_mv_MRA:.5:.95:.05": 0.65,
  "obj_spatial_relation_oc_mv_accuracy": 0.5,
  "obj_spatial_relation_oo_accuracy": 1.0,
  "obj_spatial_relation_oo_mv_accuracy": 0.5,
  "position_matching_accuracy": 0.5,
  "spatial_imagination_oc_accuracy": 0.5,
  "spatial_imagination_oc_mv_accuracy": 0.5,
  "spatial_imagination_oo_accuracy": 1.0,
  "spatial_imagination_oo_mv_accuracy": 0.5,
  "view_change_infer_vci_metric": 0.7433333333333333,
  "overall": 0.6288333333333334,
  "Low": 0.6041666666666667,
  "Middle": 0.5,
  "High": 0.6666666666666666,
};
