/**
 * One line for everything that reads or writes the session's DuckDB: each task starts when
 * the one before it has ended. The runner queues each cell and each dataset load; panels
 * queue their reads, so a result page or a column profile is read between two cells, never
 * while a cell is half way through replacing the table it shows.
 */
export class TaskQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it; its outcome is the task's. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // A failed task is its caller's to handle; the line goes on.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
