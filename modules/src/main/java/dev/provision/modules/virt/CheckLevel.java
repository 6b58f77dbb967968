package dev.provision.modules.virt;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A virt-host-validate result word, in every language libvirt 9.0.0's translations use (from the
 * libvirt-l10n .mo files; see notes/virt-host-validate.md). UNKNOWN is a word not in the table:
 * a language added later, or a line that is not a check.
 */
public enum CheckLevel {
  PASS("PASS", "成功", "PASA", "BESTANDEN", "通过", "통과", "OK"),
  FAIL("FAIL", "失敗", "FALLA", "VERFEHLT", "未通过", "실패", "ОШИБКА"),
  WARN("WARN", "ADVERTENCIA", "WARNUNG", "警告", "경고", "ПРЕДУПРЕЖДЕНИЕ"),
  NOTE("NOTE", "注記", "NOTA", "BEACHTE", "注意", "기록", "ПРИМЕЧАНИЕ"),
  UNKNOWN();

  private static final Map<String, CheckLevel> BY_WORD = new HashMap<>();

  static {
    for (CheckLevel level : values()) {
      for (String word : level.words) {
        BY_WORD.put(word.toUpperCase(Locale.ROOT), level);
      }
    }
  }

  private final String[] words;

  CheckLevel(String... words) {
    this.words = words;
  }

  /** The level a result word stands for, in any known language (case-insensitive). */
  public static Optional<CheckLevel> fromWord(String word) {
    return Optional.ofNullable(BY_WORD.get(word.trim().toUpperCase(Locale.ROOT)));
  }
}
