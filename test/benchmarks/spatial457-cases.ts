/**
 * Spatial457 replies with what VLMEvalKit's original reads and decides (vlmeval/dataset/spatial457.py
 * evaluate's three patterns then ROBUST whole reply; utils/spatial457.py is_correct), produced by running
 * the original in Python, outside this repo (VLMEvalKit@e8e78f05).
 */
export const SPATIAL457_CASES: readonly (readonly [reply: string, gold: string, extracted: string, how: 'q' | 'whole', correct: boolean])[] = [
  ["{'Reasoning': 'a red car', 'Answer': 'Yes'}", "Yes", "Yes", 'q', true],
  ["{'Reasoning': 'x', 'Answer': 'yes'}", "Yes", "yes", 'q', true],
  ["{\"Reasoning\": \"x\", \"Answer\": \"3\"}", "3", "3", 'q', true],
  ["{'Reasoning': 'x', 'Answer': 3}", "3", "3", 'q', true],
  ["{'Reasoning': 'x', 'Answer': 12}", "12", "1", 'q', false],
  ["{'Reasoning': 'x', 'Answer': 'three'}", "3", "three", 'q', true],
  ["{'Reasoning': 'x', 'Answer': 'Ten'}", "10", "Ten", 'q', true],
  ["{'Reasoning': 'x', 'Answer': 'none'}", "No", "none", 'q', true],
  ["{'Reasoning': 'x', 'Answer': 'None'}", "no", "None", 'q', true],
  ["{'Reasoning': 'x', 'Answer': '0'}", "No", "0", 'q', true],
  ["{'Reasoning': 'x', 'Answer': '0'}", "no", "0", 'q', false],
  ["{'Reasoning': 'x', 'Answer': '2'}", "Yes", "2", 'q', true],
  ["{'Reasoning': 'x', 'Answer': '10'}", "Yes", "10", 'q', false],
  ["{'Reasoning': 'x', 'Answer': 'mountain bike'}", "road bike", "mountain bike", 'q', true],
  ["{'Reasoning': 'x', 'Answer': 'truck'}", "SUV", "truck", 'q', true],
  ["{'Reasoning': 'x', 'Answer': 'jet'}", "school bus", "jet", 'q', false],
  ["{'Reasoning': 'x', 'Answer': 'Double bus'}", "articulated bus", "Double bus", 'q', true],
  ["Yes", "Yes", "Yes", 'whole', true],
  ["The answer is yes", "Yes", "The answer is yes", 'whole', false],
  ["red", "Red", "red", 'whole', true],
  ["{'Reasoning': 'the bike's color', 'Answer': 'red'}", "red", "red", 'q', true],
  ["{'Answer': 'Le\rft'}", "Le\rft", "Le\rft", 'q', true],
  ["{'Answer': 'left\nright'}", "left", "{'Answer': 'left\nright'}", 'whole', false],
  ["Answer': '' and more", "", "", 'q', true],
  ["{\"Answer\": \"Blue\"} {'Answer': 'Red'}", "Red", "Red", 'q', true],
  ["{'Answer': \u0663}", "3", "\u0663", 'q', false],
  ["{'Answer': \u0663}", "\u0663", "\u0663", 'q', true],
  ["", "", "", 'whole', true],
  ["{'Reasoning': 'x', 'Answer': 'car'}", "sedan", "car", 'q', true],
  ["{'Reasoning': 'x', 'Answer': 'bicycle'}", "utility bike", "bicycle", 'q', true],
  ["{'Reasoning': 'x', 'Answer': 'Left'}", "left", "Left", 'q', true],
  ["{'Reasoning': 'x', 'Answer': 'No'}", "0", "No", 'q', false],
];

/** Spatial457_utils.all_answers(), as the original prints it. */
export const SPATIAL457_ALL_ANSWERS = "Small, Large, Airliner, Dirtbike, Road bike, Tandem bike, Suv, Wagon, Scooter, Mountain bike, Minivan, Sedan, School bus, Fighter, Chopper, Double bus, Truck, Articulated bus, Cruiser, Jet, Utility bike, Regular bus, Biplane, Gray, Blue, Purple, Brown, Green, Cyan, Red, Yellow, Left, Right, Front, Back";
