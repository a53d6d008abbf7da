package dev.partnerhub.payouts.domain;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import dev.partnerhub.payouts.domain.PayoutExports.ExportItem;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.PartnerhubProperties;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SEPA credit transfer file, ISO 20022 {@code pain.001.001.03}: one group header, one
 * payment information block (method TRF, service level SEPA, charges SLEV) paid from the
 * debtor account in settings, one credit transfer per item (EUR only) with end-to-end id
 * {@code PH-<batch>-<item>}. Written with the DOM, so names are XML-escaped; names are
 * cut to the 70 characters SEPA allows.
 */
public final class SepaCreditTransfer {

	static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

	private SepaCreditTransfer() {
	}

	/** The paying account. */
	public record Debtor(String name, String iban, String bic) {
	}

	/**
	 * Thrown when the debtor settings are missing or wrong: the message says what to set.
	 */
	public static class NotConfigured extends ConflictException {

		NotConfigured(String message) {
			super(message);
		}

	}

	static Debtor debtor(PartnerhubProperties.Payouts.Sepa sepa) {
		String name = sepa.debtorName() == null ? "" : sepa.debtorName().strip();
		String iban = sepa.debtorIban() == null ? "" : sepa.debtorIban().strip();
		if (name.isEmpty() || iban.isEmpty()) {
			throw new NotConfigured("The SEPA file needs the paying account: set partnerhub.payouts.sepa.debtor-name "
					+ "and partnerhub.payouts.sepa.debtor-iban (and partnerhub.payouts.sepa.debtor-bic) in the "
					+ "configuration (e.g. PARTNERHUB_PAYOUTS_SEPA_DEBTORIBAN) and restart.");
		}
		try {
			String bic = sepa.debtorBic() == null || sepa.debtorBic().isBlank() ? null
					: BankDetails.bic("debtorBic", sepa.debtorBic());
			return new Debtor(cut(name, 70), BankDetails.iban("debtorIban", iban), bic);
		}
		catch (InvalidInputException ex) {
			throw new NotConfigured(
					"partnerhub.payouts.sepa." + ("debtorIban".equals(ex.field()) ? "debtor-iban" : "debtor-bic")
							+ " is not valid: " + ex.getMessage());
		}
	}

	static byte[] write(Debtor debtor, long batchId, Clock clock, List<ExportItem> items) {
		if (items.isEmpty()) {
			throw new ConflictException(
					"Payout batch " + batchId + " has no bank transfers in EUR to an IBAN: there is no SEPA file.");
		}
		for (ExportItem item : items) {
			if (!"EUR".equals(item.currency()) || item.iban() == null) {
				throw new IllegalArgumentException("SEPA items are EUR transfers to an IBAN");
			}
		}
		LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
		LocalDate execution = now.toLocalDate();
		BigDecimal sum = items.stream().map(ExportItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
		String count = Integer.toString(items.size());
		String messageId = "PH-" + batchId + "-" + now.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			Document doc = factory.newDocumentBuilder().newDocument();
			Element root = doc.createElementNS(NAMESPACE, "Document");
			doc.appendChild(root);
			Element initiation = add(doc, root, "CstmrCdtTrfInitn");
			Element header = add(doc, initiation, "GrpHdr");
			text(doc, header, "MsgId", messageId);
			text(doc, header, "CreDtTm", now.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
			text(doc, header, "NbOfTxs", count);
			text(doc, header, "CtrlSum", sum.toPlainString());
			text(doc, add(doc, header, "InitgPty"), "Nm", debtor.name());
			Element payment = add(doc, initiation, "PmtInf");
			text(doc, payment, "PmtInfId", "PH-" + batchId);
			text(doc, payment, "PmtMtd", "TRF");
			text(doc, payment, "BtchBookg", "true");
			text(doc, payment, "NbOfTxs", count);
			text(doc, payment, "CtrlSum", sum.toPlainString());
			text(doc, add(doc, add(doc, payment, "PmtTpInf"), "SvcLvl"), "Cd", "SEPA");
			text(doc, payment, "ReqdExctnDt", execution.toString());
			text(doc, add(doc, payment, "Dbtr"), "Nm", debtor.name());
			text(doc, add(doc, add(doc, payment, "DbtrAcct"), "Id"), "IBAN", debtor.iban());
			agent(doc, add(doc, payment, "DbtrAgt"), debtor.bic());
			text(doc, payment, "ChrgBr", "SLEV");
			for (ExportItem item : items) {
				Element transfer = add(doc, payment, "CdtTrfTxInf");
				text(doc, add(doc, transfer, "PmtId"), "EndToEndId", "PH-" + batchId + "-" + item.id());
				Element amount = doc.createElementNS(NAMESPACE, "InstdAmt");
				amount.setAttribute("Ccy", "EUR");
				amount.setTextContent(item.amount().setScale(2).toPlainString());
				add(doc, transfer, "Amt").appendChild(amount);
				if (item.bic() != null) {
					agent(doc, add(doc, transfer, "CdtrAgt"), item.bic());
				}
				text(doc, add(doc, transfer, "Cdtr"), "Nm", cut(item.accountHolder(), 70));
				text(doc, add(doc, add(doc, transfer, "CdtrAcct"), "Id"), "IBAN", item.iban());
				text(doc, add(doc, transfer, "RmtInf"), "Ustrd", "Partner commissions, payout " + batchId);
			}
			TransformerFactory transformers = TransformerFactory.newInstance();
			transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
			Transformer transformer = transformers.newTransformer();
			transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
			transformer.setOutputProperty(OutputKeys.INDENT, "yes");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			transformer.transform(new DOMSource(doc), new StreamResult(out));
			return out.toByteArray();
		}
		catch (ParserConfigurationException | TransformerException ex) {
			throw new IllegalStateException("Could not write the SEPA file", ex);
		}
	}

	/** BIC when known, else "NOTPROVIDED" (SEPA: the IBAN identifies the bank). */
	private static void agent(Document doc, Element agent, String bic) {
		Element institution = add(doc, agent, "FinInstnId");
		if (bic != null) {
			text(doc, institution, "BIC", bic);
		}
		else {
			text(doc, add(doc, institution, "Othr"), "Id", "NOTPROVIDED");
		}
	}

	private static Element add(Document doc, Element parent, String name) {
		Element child = doc.createElementNS(NAMESPACE, name);
		parent.appendChild(child);
		return child;
	}

	private static void text(Document doc, Element parent, String name, String value) {
		add(doc, parent, name).setTextContent(value);
	}

	private static String cut(String value, int max) {
		String stripped = value == null ? "" : value.strip();
		return stripped.length() <= max ? stripped : stripped.substring(0, max);
	}

}
