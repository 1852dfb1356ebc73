import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { messageOf } from '../../ui/messageOf';

/**
 * A filtered list of the auditor's screens: the criteria (with a 期間), the rows found, the error. It searches once
 * when the screen opens with the initial criteria; later searches come from the form (`submit`) or after an action
 * (`search`). `query` may be a new function each render: the latest one is used.
 */
export function useDatedSearch<C extends { from: string; to: string }, R>(initial: C, query: (criteria: C) => Promise<R>) {
  const [criteria, setCriteria] = useState<C>(initial);
  const [opening] = useState<C>(initial);
  const [rows, setRows] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latestQuery = useRef(query);
  latestQuery.current = query;

  const search = useCallback(async (current: C) => {
    setError(null);
    try {
      setRows(await latestQuery.current(current));
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  useEffect(() => {
    void search(opening);
  }, [search, opening]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(criteria);
  };
  return { criteria, setCriteria, rows, error, setError, search, submit };
}
