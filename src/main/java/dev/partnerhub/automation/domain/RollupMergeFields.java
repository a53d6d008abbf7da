package dev.partnerhub.automation.domain;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.partnerhub.mail.MergeFieldSource;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupValue;

import org.springframework.stereotype.Component;

/**
 * Every rollup field as an e-mail merge field {@code rollup_<name>}: the name lower-cased
 * with each run of other characters than letters and digits turned into one {@code _}
 * ("Approved commissions" → {@code rollup_approved_commissions}). Values are exact at
 * queuing time (computed from the raw rows); an empty avg/min/max is an empty string.
 */
@Component
class RollupMergeFields implements MergeFieldSource {

	private final RollupApi rollups;

	private final PartnerApi partners;

	RollupMergeFields(RollupApi rollups, PartnerApi partners) {
		this.rollups = rollups;
		this.partners = partners;
	}

	static String fieldName(String rollupName) {
		return dev.partnerhub.support.merge.MergeText.rollupField(rollupName);
	}

	@Override
	public Map<String, Object> fieldsFor(long partnerId) {
		Map<String, Object> fields = new LinkedHashMap<>();
		this.partners.findById(partnerId).ifPresent(partner -> {
			for (Map.Entry<String, RollupValue> entry : this.rollups.valuesOf(partner.contactId()).entrySet()) {
				Object value = entry.getValue() == null ? null : entry.getValue().json();
				fields.putIfAbsent(fieldName(entry.getKey()), value == null ? "" : value.toString());
			}
		});
		return fields;
	}

	@Override
	public Map<String, String> describe() {
		Map<String, String> fields = new LinkedHashMap<>();
		for (RollupField field : this.rollups.fields()) {
			fields.putIfAbsent(fieldName(field.name()), "Rollup field: " + field.name());
		}
		return fields;
	}

}
