/** One problem with one field, worded for a clerk: which field, what is wrong, how to fix it. */
export interface FieldProblem {
  field: string;
  label: string;
  message: string;
}

/** Thrown when input is refused. Nothing has been written when this is thrown. */
export class ValidationError extends Error {
  readonly problems: readonly FieldProblem[];
  constructor(problems: readonly FieldProblem[]) {
    super(problems.map((p) => `「${p.label}」${p.message}`).join('；'));
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

/** Thrown when an operation is not allowed in the record's current state (e.g. moving a node under itself). */
export class OperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationError';
  }
}
