package io.zdash.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The settings form: {@code requireTwoFactor=true} and {@code trustedDevices=true} when ticked,
 * the date from which 2FA is enforced, and the days a trusted device lasts, as typed.
 */
record SettingsForm(String requireTwoFactor, String twoFactorDeadline, String trustedDevices,
		String trustedDeviceDays) {

	/** 0 for off; -1 for days that are not a whole number from 1 to the maximum. */
	int days() {
		if (!"true".equals(this.trustedDevices)) {
			return 0;
		}
		String typed = (this.trustedDeviceDays != null) ? this.trustedDeviceDays.strip() : "";
		if (!typed.matches("\\d{1,2}")) {
			return -1;
		}
		int days = Integer.parseInt(typed);
		return (days >= 1 && days <= AdminSettings.MAX_TRUSTED_DEVICE_DAYS) ? days : -1;
	}

	/** Whether 2FA is not required, or required from a date between today and a year ahead. */
	boolean deadlineIsValid(LocalDate today) {
		return !"true".equals(this.requireTwoFactor) || date().filter(date -> !date.isBefore(today)
				&& !date.isAfter(today.plusYears(1))).isPresent();
	}

	/** The start (UTC) of the deadline's day; empty when 2FA is not required (or the date is unreadable). */
	Optional<Instant> deadline() {
		return "true".equals(this.requireTwoFactor) ? date().map(date -> date.atStartOfDay(ZoneOffset.UTC).toInstant())
				: Optional.empty();
	}

	private Optional<LocalDate> date() {
		String typed = (this.twoFactorDeadline != null) ? this.twoFactorDeadline.strip() : "";
		try {
			return (typed.length() == 10) ? Optional.of(LocalDate.parse(typed)) : Optional.empty();
		}
		catch (DateTimeParseException notADate) {
			return Optional.empty();
		}
	}

}
