/** What an input cell holds: its control and its value, which SQL cells read as `$name`. */
export type InputValue = string | number | boolean;

export interface InputSpec {
  type: 'select' | 'range' | 'checkbox' | 'text';
  options?: InputValue[];
  min?: number;
  max?: number;
  step?: number;
  value: InputValue;
  label?: string;
}
