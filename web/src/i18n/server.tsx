/**
 * The server's messages in the reader's language. The server sends a stable code and its
 * parameters with every problem (problem+json `code`, `params`) and every import row error;
 * the words come from the catalog the CLI uses too (src/kernel/messages/). A code this
 * version does not know gives a generic sentence and the code in small print — never the
 * server's English `detail` on a Spanish screen.
 */
import { useMemo } from 'react';
import { labelOf, messageOrGeneric, type MessageLang, type MessageParams } from '../../../src/kernel/messages/index.ts';
import { useLang } from './i18n.tsx';
import { problemText, rowErrorMessage, type CodedProblem, type ErrorLike, type ServerText } from './server-text.ts';

export { problemText, rowErrorMessage, type CodedProblem, type ServerText };
export type { MessageLang, MessageParams };

/** The words of the server's messages and codes in the current language. */
export function useServerT() {
  const { lang } = useLang();
  return useMemo(
    () => ({
      lang,
      /** A failed request (ApiError or any thrown value) as one sentence. */
      error: (err: unknown): string => {
        const e = (err ?? {}) as ErrorLike;
        if (e.status === 0) return messageOrGeneric(lang, 'http.offline');
        const t = problemText(lang, e.problem, e.status);
        return t.unknownCode ? `${t.text} (${t.unknownCode})` : t.text;
      },
      problem: (problem: CodedProblem | undefined, status?: number): ServerText => problemText(lang, problem, status),
      rowError: (e: { code?: string; params?: MessageParams; message?: string }): ServerText => rowErrorMessage(lang, e),
      /** A code's name: `label('alert', 'BUYER_NOT_REGISTERED')`, `label('audit', 'expediente.observe')`; the code itself when unknown. */
      label: (kind: 'alert' | 'alertInfo' | 'audit' | 'observation' | 'sex', value: string): string => labelOf(lang, kind, value) ?? value,
    }),
    [lang],
  );
}

/** A server message on the page: the sentence, and an unknown code in small print (marked so the untranslated-code check skips it). */
export function ServerMessage({ message }: { message: ServerText }) {
  return (
    <>
      {message.text}
      {message.unknownCode && (
        <>
          {' '}
          <small className="note">
            <code data-i18n-code="">{message.unknownCode}</code>
          </small>
        </>
      )}
    </>
  );
}
