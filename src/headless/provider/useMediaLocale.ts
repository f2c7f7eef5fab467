import { useMediaContext } from './useMediaContext';

/** The provider's BCP 47 locale for `Intl` formatting, or undefined for the runtime's. */
export function useMediaLocale(): string | undefined {
  return useMediaContext().locale;
}
