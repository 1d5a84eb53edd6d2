/**
 * The server's messages in the reader's language. The server sends a stable code and its
 * parameters with every problem (problem+json `code`, `params`) and every import row error;
 * the words come from the catalog the CLI uses too (src/kernel/messages/). A code this
 * version does not know gives a generic sentence and the code in small print — never the
 * server's English `detail` on a Spanish screen.
 */
import { useMemo } from 'react';
import { labelOf, messageOrGeneric, renderMessage, type MessageLang, type MessageParams } from '../../../src/kernel/messages/index.ts';
import type { Problem } from '../api/types.ts';
import { useLang } from './i18n.tsx';

export type { MessageLang, MessageParams };

/** Problem details with the parameters of their code (the server's `params`). */
export type CodedProblem = Problem & { params?: MessageParams };

/** What a failed request can be: the web client's ApiError, or anything else thrown. */
interface ErrorLike {
  status?: number;
  problem?: CodedProblem;
}

const BY_STATUS: Record<number, string> = {
  400: 'http.bad_request',
  401: 'http.unauthorized',
  403: 'http.forbidden',
  404: 'http.not_found',
  409: 'http.conflict',
  413: 'http.too_large',
  429: 'http.too_many',
};

export interface ServerText {
  /** The sentence to show. */
  text: string;
  /** A code the catalog does not know (shown in small print beside the sentence), if any. */
  unknownCode?: string;
}

/** A problem in `lang`: by its code, else by its HTTP status, else a generic sentence. */
export function problemText(lang: MessageLang, problem: CodedProblem | undefined, status?: number): ServerText {
  const code = problem?.code;
  if (code) {
    const known = renderMessage(lang, code, problem.params);
    if (known !== null) return { text: known };
  }
  const s = status ?? problem?.status;
  const byStatus = s === undefined ? undefined : (BY_STATUS[s] ?? (s >= 500 ? 'http.server_error' : undefined));
  const text = byStatus ? messageOrGeneric(lang, byStatus) : messageOrGeneric(lang, undefined);
  return code ? { text, unknownCode: code } : { text };
}

/** An import row error in `lang`: by its code; the English message only when there is no code at all (an old stored job). */
export function rowErrorMessage(lang: MessageLang, e: { code?: string; params?: MessageParams; message?: string }): ServerText {
  if (e.code) {
    const known = renderMessage(lang, e.code, e.params);
    return known !== null ? { text: known } : { text: messageOrGeneric(lang, undefined), unknownCode: e.code };
  }
  return { text: lang === 'en' && e.message ? e.message : messageOrGeneric(lang, undefined) };
}

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
