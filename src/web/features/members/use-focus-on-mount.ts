export { useFocusOnMount } from '../../components/form';
