package dev.partnerhub.branding.web;

import java.io.IOException;

import dev.partnerhub.branding.Branding;
import dev.partnerhub.branding.domain.BrandImages;
import dev.partnerhub.branding.domain.BrandSettings;
import dev.partnerhub.branding.domain.BrandSettings.BrandProblems;
import dev.partnerhub.branding.domain.BrandSettings.BrandUpdate;
import dev.partnerhub.support.web.ErrorPages;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's brand settings ({@code /admin/settings/brand}, admins only by the
 * {@code /admin/**} rule). Every problem is a message on its field (400), never an error
 * page.
 */
@ErrorPages(nav = "settings", back = "/admin/settings/brand", backLabel = "Back to the brand settings")
@Controller
@RequestMapping("/admin/settings/brand")
class BrandSettingsController {

	private static final String FORM = "branding/settings";

	private final Branding branding;

	private final BrandSettings settings;

	BrandSettingsController(Branding branding, BrandSettings settings) {
		this.branding = branding;
		this.settings = settings;
	}

	@InitBinder("brand")
	void binder(WebDataBinder binder) {
		binder.setAllowedFields("companyName", "primaryColor", "supportEmail", "termsUrl", "termsText", "centerTitle",
				"centerFooter", "removeLogo", "removeFavicon");
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("brand", BrandForm.of(this.branding.current(), this.branding.termsText().orElse(null)));
		return FORM;
	}

	@PostMapping
	String save(@Valid @ModelAttribute("brand") BrandForm form, BindingResult result,
			@RequestParam(required = false) @Nullable MultipartFile logo,
			@RequestParam(required = false) @Nullable MultipartFile favicon, HttpServletResponse response,
			RedirectAttributes redirect) {
		byte[] logoBytes = bytes(logo, "logo", result);
		byte[] faviconBytes = bytes(favicon, "favicon", result);
		if (!result.hasErrors()) {
			try {
				this.settings.save(new BrandUpdate(form.getCompanyName(), form.getPrimaryColor(),
						form.getSupportEmail(), form.getTermsUrl(), form.getTermsText(), form.getCenterTitle(),
						form.getCenterFooter(), logoBytes, form.isRemoveLogo(), faviconBytes, form.isRemoveFavicon()));
				redirect.addFlashAttribute("message", "Brand settings saved.");
				return "redirect:/admin/settings/brand";
			}
			catch (BrandProblems ex) {
				ex.problems().forEach((field, message) -> result.rejectValue(field, "invalid", message));
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return FORM;
	}

	private static byte @Nullable [] bytes(@Nullable MultipartFile file, String field, BindingResult result) {
		if (file == null || file.isEmpty()) {
			return null;
		}
		if (file.getSize() > BrandImages.MAX_BYTES) {
			result.rejectValue(field, "invalid", "The image must be at most 1 MB.");
			return null;
		}
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			result.rejectValue(field, "invalid", "The upload could not be read; try again.");
			return null;
		}
	}

}
