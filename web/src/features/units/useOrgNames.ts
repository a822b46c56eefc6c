import { useOrgKinds, useOrgLevels } from '../../api/hooks';
import type { OrgKind, OrgLevel } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

/** Names of levels and kinds in the interface language (the code when the list is not loaded). */
export function useOrgNames() {
  const { lang } = useI18n();
  const levels = useOrgLevels();
  const kinds = useOrgKinds();
  const name = (item: OrgLevel | OrgKind) => (lang === 'en' ? item.nameEn : item.nameVi);
  return {
    levels: levels.data ?? [],
    kinds: kinds.data ?? [],
    loading: levels.isPending || kinds.isPending,
    name,
    levelName: (code: string) => {
      const level = levels.data?.find((item) => item.code === code);
      return level ? name(level) : code;
    },
    kindName: (code: string) => {
      const kind = kinds.data?.find((item) => item.code === code);
      return kind ? name(kind) : code;
    },
  };
}
