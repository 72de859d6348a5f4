import { OperationError, ValidationError } from '../../src-shared/errors';

/** The message to show a clerk for an error thrown by a repository or a tree operation. */
export function errorText(error: unknown): string {
  if (error instanceof ValidationError || error instanceof OperationError) return error.message;
  return `操作未完成：${error instanceof Error ? error.message : String(error)}。数据没有改动，请重试。`;
}
