// Small pieces the workplace and demand forms share; the general ones live in components/.

/** '' → null, otherwise the trimmed text: the API clears optional fields with null. */
export const textOrNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** A count typed in a number input: '' → null (not given), otherwise the number as typed. */
export const countOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

export {
  FormAlert,
  isStaleVersion,
  serverFields,
  useFocusOnMount,
  useReturnFocus,
} from '../../components/form';
export { SearchInput as SearchBox } from '../../components/SearchInput';
export { todayIn } from '../../components/today';
