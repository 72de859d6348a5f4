import { App as AntApp, Input } from 'antd';

export interface AskText {
  title: string;
  /** The field's accessible name (and what a missing value is called). */
  label: string;
  placeholder?: string;
  initial?: string;
  /** A text area of this many rows instead of a one-line field. */
  rows?: number;
  okText: string;
  cancelText?: string;
  /** When set, an empty answer is refused with this message and the dialog stays open. */
  required?: string;
  /** Does the work with the trimmed answer; false (refused, already said) keeps the dialog open. */
  act(text: string): boolean;
}

/**
 * A confirmation that asks for one text first — a reason, a result, a date — as clerks meet it everywhere (不批准的原因,
 * 冲正原因, 项目实绩…). The dialog closes only when the work is done.
 */
export function useAskText(): (ask: AskText) => void {
  const { modal, message } = AntApp.useApp();
  return (ask) => {
    let text = ask.initial ?? '';
    const field = { 'aria-label': ask.label, placeholder: ask.placeholder, defaultValue: ask.initial, onChange: (e: { target: { value: string } }) => (text = e.target.value) };
    modal.confirm({
      title: ask.title,
      content: (
        <label style={{ display: 'block' }}>
          <div style={{ marginBottom: 4 }}>{ask.label}</div>
          {ask.rows ? <Input.TextArea rows={ask.rows} {...field} /> : <Input {...field} />}
        </label>
      ),
      okText: ask.okText,
      cancelText: ask.cancelText ?? '返回',
      onOk: () => {
        const answer = text.trim();
        if (ask.required && !answer) {
          void message.error(ask.required);
          return Promise.reject(new Error('required'));
        }
        return ask.act(answer) ? undefined : Promise.reject(new Error('refused'));
      },
    });
  };
}
