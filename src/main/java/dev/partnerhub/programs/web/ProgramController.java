package dev.partnerhub.programs.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.SignupTexts;
import dev.partnerhub.programs.LeadRewards;
import dev.partnerhub.programs.PayoutOptions;
import dev.partnerhub.programs.SignupSettings;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramAddresses;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.support.BaseUrl;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.ErrorPages;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console pages to list, create, show and edit partner programs. */
@ErrorPages(nav = "programs", back = "/admin/programs", backLabel = "Back to programs")
@Controller
@RequestMapping("/admin/programs")
class ProgramController {

	private static final String FORM = "programs/form";

	private final ProgramService programs;

	private final ProgramAddresses addresses;

	private final SignupSettings signup;

	private final PayoutOptions payoutOptions;

	private final LeadRewards leadRewards;

	private final BaseUrl baseUrl;

	private final SignupTexts signupTexts;

	ProgramController(ProgramService programs, ProgramAddresses addresses, SignupSettings signup,
			PayoutOptions payoutOptions, LeadRewards leadRewards, BaseUrl baseUrl, SignupTexts signupTexts) {
		this.leadRewards = leadRewards;
		this.baseUrl = baseUrl;
		this.signupTexts = signupTexts;
		this.programs = programs;
		this.addresses = addresses;
		this.signup = signup;
		this.payoutOptions = payoutOptions;
	}

	@InitBinder("program")
	void initBinder(WebDataBinder binder) {
		FormSupport.configure(binder);
	}

	@GetMapping
	String list(Model model) {
		List<ProgramSummary> all = this.programs.allPrograms();
		model.addAttribute("programs", all);
		model.addAttribute("programNames",
				all.stream().collect(Collectors.toMap(ProgramSummary::id, ProgramSummary::name)));
		return "programs/list";
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("program", ProgramForm.defaults(this.programs.settings(), this.programs.allProducts()));
		return showForm(model, null);
	}

	@PostMapping("/new")
	String create(@Valid @ModelAttribute("program") ProgramForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		form.attachProducts(this.programs.allProducts(), Map.of());
		checkPayoutMethods(form, result);
		checkLeadReward(form, result);
		ProgramDefinition definition = result.hasErrors() ? null : ProgramDefinitions.of(form, result);
		if (definition == null) {
			return showForm(model, null);
		}
		try {
			ProgramSummary created = this.programs.createProgram(definition);
			this.signup.setAutoApprovePartners(created.id(), form.isAutoApprovePartners());
			this.payoutOptions.setPayoutOptions(created.id(), new LinkedHashSet<>(form.getPayoutMethods()),
					form.isRequireTaxDetails());
			this.leadRewards.setLeadReward(created.id(), form.getLeadReward());
			this.signupTexts.setSignupText(created.id(), form.getSignupHeading(), form.getSignupIntro());
			redirect.addFlashAttribute("message", "Program " + created.name() + " created.");
			return "redirect:/admin/programs/" + created.id();
		}
		catch (InvalidInputException ex) {
			FormSupport.reject(result, formField(ex.field()), ex.getMessage());
		}
		catch (ConflictException ex) {
			FormSupport.reject(result, formField(ex.field()), ex.getMessage());
		}
		return showForm(model, null);
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		ProgramSummary program = find(id);
		Map<Long, ProductSummary> products = this.programs.allProducts()
			.stream()
			.collect(Collectors.toMap(ProductSummary::id, Function.identity()));
		List<ProductRateView> overrides = new ArrayList<>();
		program.productRates().values().forEach(rate -> {
			ProductSummary product = products.get(rate.productId());
			if (product != null) {
				overrides.add(new ProductRateView(product, rate.firstTierRate(), rate.secondTierRate()));
			}
		});
		overrides.sort(Comparator.comparing(v -> v.product().name(), String.CASE_INSENSITIVE_ORDER));
		model.addAttribute("program", program);
		model.addAttribute("salesSites", this.programs.salesSitesOf(id));
		addSignup(model, program);
		model.addAttribute("overrides", overrides);
		model.addAttribute("nextLevel", program.nextLevelProgramId() == null ? null
				: this.programs.findProgram(program.nextLevelProgramId()).orElse(null));
		return "programs/detail";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		ProgramForm form = ProgramForm.of(find(id), this.programs.allProducts());
		form.setAutoApprovePartners(this.signup.autoApprovesPartners(id));
		form.setPayoutMethods(new ArrayList<>(this.payoutOptions.payoutMethods(id)));
		form.setRequireTaxDetails(this.payoutOptions.requiresTaxDetails(id));
		form.setLeadReward(this.leadRewards.leadReward(id).orElse(null));
		SignupTexts.SignupText signupText = this.signupTexts.signupText(find(id));
		form.setSignupHeading(signupText.custom() ? signupText.heading() : null);
		form.setSignupIntro(signupText.intro());
		form.setSlug(this.programs.slugOf(id).orElse(null));
		form.setSalesSites(String.join("\n", this.programs.salesSitesOf(id)));
		model.addAttribute("program", form);
		return showForm(model, id);
	}

	@PostMapping("/{id}/edit")
	String update(@PathVariable long id, @Valid @ModelAttribute("program") ProgramForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		ProgramSummary existing = find(id);
		form.attachProducts(this.programs.allProducts(), existing.productRates());
		checkPayoutMethods(form, result);
		checkLeadReward(form, result);
		ProgramDefinition definition = result.hasErrors() ? null : ProgramDefinitions.of(form, result);
		if (definition == null) {
			return showForm(model, id);
		}
		try {
			ProgramSummary updated = this.programs.updateProgram(id, definition);
			this.signup.setAutoApprovePartners(id, form.isAutoApprovePartners());
			this.payoutOptions.setPayoutOptions(id, new LinkedHashSet<>(form.getPayoutMethods()),
					form.isRequireTaxDetails());
			this.leadRewards.setLeadReward(id, form.getLeadReward());
			this.signupTexts.setSignupText(id, form.getSignupHeading(), form.getSignupIntro());
			if (form.getSlug() != null && !form.getSlug().isBlank()) {
				this.addresses.changeSlug(id, form.getSlug());
			}
			// the edit form always posts the box; an emptied one arrives as null
			this.addresses.changeSalesSites(id, form.getSalesSites() == null ? "" : form.getSalesSites());
			redirect.addFlashAttribute("message", "Program " + updated.name() + " saved.");
			return "redirect:/admin/programs/" + id;
		}
		catch (InvalidInputException ex) {
			FormSupport.reject(result, formField(ex.field()), ex.getMessage());
		}
		catch (ConflictException ex) {
			FormSupport.reject(result, formField(ex.field()), ex.getMessage());
		}
		return showForm(model, id);
	}

	/**
	 * The public sign-up URL and the embed snippet (partners module: {@code /embed/**}),
	 * with the sites the snippet works on: the landing URL's site and the other sales
	 * sites, the origins its CORS gate allows.
	 */
	private void addSignup(Model model, ProgramSummary program) {
		String slug = this.programs.slugOf(program.id()).orElse(null);
		if (slug == null) {
			return;
		}
		String base = this.baseUrl.value();
		model.addAttribute("programSlug", slug);
		model.addAttribute("signupUrl", base + "/partners/signup/" + slug);
		model.addAttribute("embedSnippet", "<div data-partnerhub-signup=\"" + slug + "\"></div>\n<script src=\"" + base
				+ "/embed/signup.js\" async></script>");
		List<String> sites = new ArrayList<>();
		String landing = origin(program.landingUrl());
		if (landing != null) {
			sites.add(landing);
		}
		this.programs.salesSitesOf(program.id()).stream().filter(s -> !sites.contains(s)).forEach(sites::add);
		model.addAttribute("embedSites", sites);
	}

	private static @Nullable String origin(String url) {
		try {
			java.net.URI uri = new java.net.URI(url.strip());
			if (uri.getScheme() == null || uri.getHost() == null) {
				return null;
			}
			return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://"
					+ uri.getHost().toLowerCase(java.util.Locale.ROOT)
					+ (uri.getPort() == -1 ? "" : ":" + uri.getPort());
		}
		catch (java.net.URISyntaxException ex) {
			return null;
		}
	}

	/** Empty, or a positive amount with at most two decimals (checked before saving). */
	private static void checkLeadReward(ProgramForm form, BindingResult result) {
		if (form.getLeadReward() == null || result.hasFieldErrors("leadReward")) {
			return;
		}
		String problem = dev.partnerhub.support.MoneyInput.amountProblem(form.getLeadReward().toPlainString());
		if (problem != null || form.getLeadReward().signum() < 0) {
			FormSupport.reject(result, "leadReward",
					"Lead reward " + (problem == null ? "must not be negative." : problem));
		}
	}

	/** At least one method, each a known one (a tampered value is a form message). */
	private static void checkPayoutMethods(ProgramForm form, BindingResult result) {
		if (form.getPayoutMethods().isEmpty() || !PayoutOptions.METHODS.containsAll(form.getPayoutMethods())) {
			FormSupport.reject(result, "payoutMethods",
					"Offer at least one payout method (PayPal, bank transfer or other).");
		}
	}

	private ProgramSummary find(long id) {
		return this.programs.findProgram(id).orElseThrow(() -> new NotFoundException("No program " + id));
	}

	/**
	 * The form needs the other programs for the next-level select (a program is not its
	 * own next level).
	 */
	private String showForm(Model model, Long id) {
		model.addAttribute("programId", id);
		model.addAttribute("nextLevelOptions",
				this.programs.allPrograms().stream().filter(p -> id == null || p.id() != id).toList());
		return FORM;
	}

	/**
	 * The service names rates and the next level as the API does; the form splits rates
	 * into type and value.
	 */
	private static @Nullable String formField(String field) {
		if (field == null) {
			return null;
		}
		return switch (field) {
			case "firstTierRate" -> "firstTierRateValue";
			case "secondTierRate" -> "secondTierRateValue";
			default -> field;
		};
	}

	/**
	 * A product override for the detail page; a null rate shows as the program default.
	 */
	record ProductRateView(ProductSummary product, @Nullable Rate firstTierRate, @Nullable Rate secondTierRate) {
	}

}
