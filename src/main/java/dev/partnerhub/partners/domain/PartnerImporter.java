package dev.partnerhub.partners.domain;

import java.sql.Timestamp;

import dev.partnerhub.partners.PartnerImport;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** {@link PartnerImport}: a plain insert. */
@Service
class PartnerImporter implements PartnerImport {

	private final JdbcClient jdbc;

	PartnerImporter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public long importPartner(NewPartner partner) {
		return this.jdbc
			.sql("""
					insert into partner (contact_id, program_id, code, status, parent_id, payout_email, created_at, approved_at)
					values (:contact, :program, :code, :status, :parent, :payout, :joined, :approvedAt)
					returning id
					""")
			.param("contact", partner.contactId())
			.param("program", partner.programId())
			.param("code", partner.code())
			.param("status", partner.status().value())
			.param("parent", partner.parentId())
			.param("payout", partner.payoutEmail())
			.param("joined", Timestamp.from(partner.joined()))
			.param("approvedAt", partner.approvedAt() == null ? null : Timestamp.from(partner.approvedAt()))
			.query(Long.class)
			.single();
	}

}
