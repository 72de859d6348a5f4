import { App as AntApp } from 'antd';
import { errorText } from './errorText';

/**
 * Runs a clerk's action: a success message when it is done, the Chinese error when it is refused (nothing is written
 * then). Returns whether it was done.
 */
export function useRun(): (action: () => void, done?: string) => boolean {
  const { message } = AntApp.useApp();
  return (action, done) => {
    try {
      action();
      if (done) void message.success(done);
      return true;
    } catch (error) {
      void message.error(errorText(error));
      return false;
    }
  };
}
