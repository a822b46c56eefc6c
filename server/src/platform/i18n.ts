/**
 * Server-side messages. Vietnamese is the default; English when the request asks for it
 * (`Accept-Language: en…`). Every problem `code` has an entry here.
 */
export type Locale = 'vi' | 'en';

type Params = Record<string, string | number>;
type Message = { vi: string; en: string };

export const MESSAGES = {
  not_found: { vi: 'Không tìm thấy địa chỉ {path}.', en: 'No such address: {path}.' },
  entity_not_found: { vi: 'Không tìm thấy {entity} được yêu cầu.', en: 'The requested {entity} was not found.' },
  validation_failed: { vi: 'Dữ liệu không hợp lệ: {details}', en: 'Invalid data: {details}' },
  invalid_json: { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  unsupported_media_type: {
    vi: 'Kiểu nội dung {type} không được hỗ trợ.',
    en: 'Content type {type} is not supported.',
  },
  payload_too_large: { vi: 'Nội dung gửi lên quá lớn.', en: 'The request body is too large.' },
  unauthenticated: { vi: 'Bạn cần đăng nhập để tiếp tục.', en: 'Please sign in to continue.' },
  invalid_credentials: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  too_many_attempts: {
    vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {seconds} giây.',
    en: 'Too many failed sign-ins. Try again in {seconds} seconds.',
  },
  rate_limited: { vi: 'Quá nhiều yêu cầu. Vui lòng thử lại sau.', en: 'Too many requests. Try again later.' },
  csrf_invalid: {
    vi: 'Thiếu hoặc sai mã chống giả mạo (CSRF). Vui lòng tải lại trang.',
    en: 'Missing or wrong anti-forgery (CSRF) token. Reload the page.',
  },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  out_of_scope: {
    vi: 'Bạn không có quyền xem dữ liệu của đơn vị này.',
    en: 'You are not allowed to see this unit’s data.',
  },
  not_granted_here: {
    vi: 'Quyền của bạn không bao gồm đối tượng này: cần một quyền vừa cho phép thao tác, vừa bao trùm đơn vị của đối tượng.',
    en: 'Your grants do not reach this object: one grant must both allow the action and cover the object’s unit.',
  },
  conflict: { vi: 'Xung đột dữ liệu: {details}', en: 'Conflict: {details}' },
  // Concurrency (docs/ARCHITECTURE.md, "Concurrency")
  stale_version: {
    vi: 'Người khác đã sửa {entity} này trong lúc bạn sửa (nay là phiên bản {current}, bạn sửa từ phiên bản {given}). Hãy xem giá trị hiện tại rồi sửa lại.',
    en: 'Someone else changed this {entity} while you were editing it (version {current}; you edited version {given}). Review the current values and edit again.',
  },
  duplicate_record: {
    vi: 'Bản ghi này trùng với một bản ghi vừa được tạo.',
    en: 'This record duplicates one that was just created.',
  },
  unit_code_taken: { vi: 'Mã đơn vị "{code}" đã được dùng.', en: 'Unit code "{code}" is already in use.' },
  unit_cycle: {
    vi: 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.',
    en: 'A unit cannot be moved under itself or one of its descendants.',
  },
  unit_closed: { vi: 'Đơn vị đã ngừng hoạt động từ {date}.', en: 'The unit was closed on {date}.' },
  unit_has_open_children: {
    vi: 'Đơn vị còn {count} đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc đóng chúng trước.',
    en: 'The unit still has {count} active sub-units; move or close them first.',
  },
  invalid_dates: {
    vi: 'Ngày kết thúc phải sau ngày bắt đầu hiệu lực.',
    en: 'The end date must be after the start date.',
  },
  unknown_reference: { vi: 'Không có {entity} với mã "{value}".', en: 'There is no {entity} "{value}".' },
  username_taken: { vi: 'Tên đăng nhập "{username}" đã tồn tại.', en: 'Username "{username}" already exists.' },
  password_too_short: {
    vi: 'Mật khẩu quá yếu: cần ít nhất {min} ký tự.',
    en: 'The password is too weak: it needs at least {min} characters.',
  },
  password_contains_username: {
    vi: 'Mật khẩu quá yếu: không được chứa tên đăng nhập.',
    en: 'The password is too weak: it must not contain the username.',
  },
  password_too_common: {
    vi: 'Mật khẩu quá yếu: quá phổ biến hoặc quá ít ký tự khác nhau.',
    en: 'The password is too weak: too common or too few different characters.',
  },
  password_unchanged: {
    vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    en: 'The new password must differ from the current one.',
  },
  wrong_current_password: { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  cannot_deactivate_self: {
    vi: 'Bạn không thể tự khóa tài khoản của chính mình.',
    en: 'You cannot deactivate your own account.',
  },
  last_admin: {
    vi: 'Không thể bỏ quyền hoặc khóa quản trị viên cuối cùng đang hoạt động.',
    en: 'The last active administrator cannot lose the role or be deactivated.',
  },
  grant_exists: {
    vi: 'Người dùng đã có vai trò này tại đơn vị này.',
    en: 'The user already holds this role on this unit.',
  },
  grant_unit_required: {
    vi: 'Vai trò này phải gắn với một đơn vị.',
    en: 'This role needs a unit.',
  },
  admin_grant_has_no_unit: {
    vi: 'Vai trò quản trị áp dụng cho toàn hệ thống, không chọn đơn vị.',
    en: 'The administrator role covers the whole system; choose no unit.',
  },
  document_exists: {
    vi: 'Văn bản {symbol} của {issuer} ngày {date} đã có trong sổ văn bản.',
    en: 'Document {symbol} of {issuer} dated {date} is already registered.',
  },
  invalid_symbol: {
    vi: 'Không đọc được số, ký hiệu "{text}". Ví dụ hợp lệ: 21-CT/TW, 123/KH-UBND.',
    en: 'Cannot read the number and symbol "{text}". Valid examples: 21-CT/TW, 123/KH-UBND.',
  },
  link_to_self: { vi: 'Không thể liên kết văn bản với chính nó.', en: 'A document cannot link to itself.' },
  file_too_large: {
    vi: 'Tệp quá lớn: tối đa {max} MB.',
    en: 'The file is too large: at most {max} MB.',
  },
  file_missing: { vi: 'Chưa chọn tệp để tải lên.', en: 'No file was uploaded.' },
  // Robustness (issue 6: defects 4 and 6).
  bad_url: {
    vi: 'Địa chỉ {path} không hợp lệ (mã hóa URL sai).',
    en: 'The address {path} is not valid (bad URL encoding).',
  },
  path_too_long: { vi: 'Địa chỉ yêu cầu quá dài.', en: 'The requested address is too long.' },
  file_name_missing: {
    vi: 'Tệp tải lên thiếu tên tệp; hãy chọn lại tệp.',
    en: 'The uploaded file has no file name; choose the file again.',
  },
  text_not_storable: {
    vi: 'Trường {field} chứa ký tự không hợp lệ (NUL hoặc ký tự UTF-16 lẻ).',
    en: 'The field {field} holds an invalid character (NUL or an unpaired UTF-16 surrogate).',
  },
  database_unavailable: {
    vi: 'Cơ sở dữ liệu tạm thời không phản hồi; dữ liệu của bạn không bị thay đổi. Vui lòng thử lại sau {seconds} giây.',
    en: 'The database is not answering right now; nothing was changed. Try again in {seconds} seconds.',
  },
  /** The importer's own bilingual message, passed through. */
  import_failed: { vi: '{vi}', en: '{en}' },
  job_state_conflict: {
    vi: 'Công việc đang ở trạng thái "{state}", không thể thực hiện thao tác này.',
    en: 'The job is "{state}"; this action is not possible.',
  },
  // Dissemination (issue 7, part E).
  dissemination_held_in_future: {
    vi: 'Ngày quán triệt {date} ở sau hôm nay ({today}); chỉ ghi nhận buổi đã tổ chức.',
    en: 'The dissemination date {date} is after today ({today}); record only sessions that took place.',
  },
  dissemination_held_before_plan: {
    vi: 'Ngày quán triệt {date} ở trước ngày ban hành kế hoạch ({planDate}).',
    en: 'The dissemination date {date} is before the plan was issued ({planDate}).',
  },
  dissemination_unit_outside_plan: {
    vi: 'Đơn vị "{unit}" không thuộc phạm vi của kế hoạch này.',
    en: 'The unit "{unit}" is outside this plan\'s territory.',
  },
  dissemination_unit_closed: {
    vi: 'Đơn vị "{unit}" đã giải thể hoặc chưa hoạt động vào ngày {date}.',
    en: 'The unit "{unit}" was not active on {date}.',
  },
  dissemination_no_participants: {
    vi: 'Cần ghi số người tham dự: ít nhất một nhóm (cán bộ, đảng viên, hội viên, nhân dân) lớn hơn 0.',
    en: 'Enter the participants: at least one group (cadres, Party members, association members, people) above 0.',
  },
  dissemination_withdrawn: {
    vi: 'Buổi quán triệt này đã được rút lại ngày {at}; không sửa hoặc rút lại được nữa.',
    en: 'This dissemination session was withdrawn on {at}; it can no longer be edited or withdrawn.',
  },
  // ── plan editing (issue 7, part F) ──
  plan_ended: {
    vi: 'Kế hoạch đã bị thu hồi hoặc được thay thế từ ngày {date}; không thể sửa nữa (lịch sử vẫn được giữ).',
    en: 'The plan was withdrawn or replaced on {date}; it can no longer be edited (its history is kept).',
  },
  deadline_before_plan: {
    vi: 'Thời hạn {deadline} sớm hơn ngày ban hành kế hoạch ({date}).',
    en: 'The deadline {deadline} is before the plan’s date ({date}).',
  },
  reporting_span_invalid: {
    vi: 'Ngày kết thúc kỳ báo cáo ({until}) phải sau ngày bắt đầu ({from}).',
    en: 'The end of the reporting span ({until}) must be after its start ({from}).',
  },
  node_cycle: {
    vi: 'Không thể chuyển một mục vào chính nó hoặc vào mục con của nó.',
    en: 'A section or task cannot be moved under itself or one of its children.',
  },
  node_not_task: {
    vi: 'Thao tác này chỉ áp dụng cho nhiệm vụ, không áp dụng cho mục.',
    en: 'This applies to tasks only, not to sections.',
  },
  task_cancelled: {
    vi: 'Nhiệm vụ đã bị hủy từ ngày {date}; không thể sửa hoặc giao thêm.',
    en: 'The task was cancelled on {date}; it can no longer be edited or assigned.',
  },
  assignment_exists: {
    vi: 'Đơn vị {unit} đã được giao nhiệm vụ này (vai trò: {role}).',
    en: '{unit} is already assigned this task (role: {role}).',
  },
  assignment_linked: {
    vi: 'Phân công này đã gắn với đơn vị {unit}; hãy kết thúc nó và giao cho đơn vị khác.',
    en: 'This assignment is already linked to {unit}; end it and assign another unit instead.',
  },
  assignment_ended: {
    vi: 'Phân công này đã kết thúc từ ngày {date}.',
    en: 'This assignment ended on {date}.',
  },
  assignment_unlinked: {
    vi: 'Phân công "{organization}" chưa gắn với đơn vị nào; hãy gắn đơn vị trước.',
    en: 'The assignment "{organization}" has no unit yet; link a unit first.',
  },
  plan_replace_self: {
    vi: 'Một kế hoạch không thể thay thế chính nó.',
    en: 'A plan cannot replace itself.',
  },
  plan_replacement_ended: {
    vi: 'Kế hoạch thay thế cũng đã bị thu hồi hoặc thay thế; hãy chọn một kế hoạch còn hiệu lực.',
    en: 'The replacing plan was withdrawn or replaced as well; choose a plan that is in force.',
  },
  // Reports (issue 7, part B: server/src/modules/reports).
  obligation_ended: {
    vi: 'Nghĩa vụ báo cáo này không còn áp dụng từ ngày {date} (đơn vị, phân công hoặc kế hoạch đã kết thúc); không sửa, gửi hay xin gia hạn được nữa.',
    en: 'This reporting obligation no longer applies from {date} (the unit, assignment or plan ended); it can no longer be edited, submitted or extended.',
  },
  report_not_editable: {
    vi: 'Báo cáo đã gửi lên hoặc đã được chấp nhận: chỉ sửa, đính kèm tệp hoặc gửi được khi báo cáo còn là bản nháp hoặc bị trả lại.',
    en: 'The report has been submitted or accepted: it can be edited, given files or submitted only as a draft or after it was returned.',
  },
  report_not_submitted: {
    vi: 'Báo cáo không ở trạng thái chờ xem xét: chỉ chấp nhận hoặc trả lại được báo cáo đã gửi lên.',
    en: 'The report is not awaiting review: only a submitted report can be accepted or returned.',
  },
  report_empty: {
    vi: 'Báo cáo chưa có nội dung: hãy chọn tình trạng thực hiện và lưu trước khi gửi.',
    en: 'The report is empty: choose the state of the work and save before submitting.',
  },
  report_cannot_reason_required: {
    vi: 'Khi chọn "Không thực hiện được", cần nêu lý do.',
    en: 'When the work cannot be done, give the reason.',
  },
  file_type_not_allowed: {
    vi: 'Tệp "{name}" không được nhận: xét theo nội dung, tệp không phải PDF, DOCX, XLSX, JPEG hoặc PNG (nhận ra: {detected}).',
    en: 'The file "{name}" is refused: by its content it is not a PDF, DOCX, XLSX, JPEG or PNG file (found: {detected}).',
  },
  extension_pending: {
    vi: 'Đã có một đề nghị gia hạn đang chờ quyết định cho nhiệm vụ này; hãy chờ cấp trên quyết định.',
    en: 'An extension request for this obligation is already awaiting a decision.',
  },
  extension_not_after_deadline: {
    vi: 'Hạn mới ({date}) phải sau hạn hiện tại ({due}).',
    en: 'The new deadline ({date}) must be after the current one ({due}).',
  },
  extension_before_period: {
    vi: 'Hạn mới ({date}) không được trước ngày bắt đầu kỳ báo cáo ({start}).',
    en: 'The new deadline ({date}) cannot be before the reporting period starts ({start}).',
  },
  extension_decided: {
    vi: 'Đề nghị gia hạn này đã được quyết định rồi.',
    en: 'This extension request has already been decided.',
  },
  extension_not_needed: {
    vi: 'Báo cáo đã được gửi lên; không cần gia hạn nữa.',
    en: 'The report has already been submitted; no extension is needed.',
  },
  // Reminders and escalation (modules/reminders)
  letter_already_issued: {
    vi: 'Công văn đã được ban hành (số {number}, ngày {date}); không thể sửa hay ban hành lại.',
    en: 'The letter has already been issued (number {number}, {date}); it cannot be edited or issued again.',
  },
  // Follow-through: regimes and reporting lines (modules/followup)
  regime_invalid: { vi: 'Chế độ báo cáo không hợp lệ: {reason}', en: 'Invalid reporting regime: {reasonEn}' },
  reports_to_invalid: {
    vi: 'Nơi nhận báo cáo của kế hoạch phải là đơn vị cấp trên hoặc ngang cấp, không phải chính đơn vị ban hành hay đơn vị trực thuộc.',
    en: 'The plan’s report must go to a unit above or beside its owner, not to the owner or a unit under it.',
  },
  // Indicators: entry core (modules/indicators/values.*)
  figures_invalid: {
    vi: 'Số liệu chưa hợp lệ ({count} lỗi); không ô nào được lưu. Xem lỗi ở từng ô.',
    en: 'The figures are not valid ({count} problems); no cell was saved. See the problem on each cell.',
  },
  figures_comment_required: {
    vi: 'Có {count} cảnh báo cần giải thích: nhập ghi chú cho ô bị cảnh báo rồi lưu lại.',
    en: '{count} warnings need an explanation: add a comment on each flagged cell and save again.',
  },
  figures_cell_unknown: {
    vi: 'Ô "{element}" ({combo}) không có trong biểu của đơn vị này.',
    en: 'The cell "{element}" ({combo}) is not on this unit’s form.',
  },
  figures_period_invalid: {
    vi: 'Kỳ số liệu "{period}" không tồn tại (dùng năm, ví dụ 2025, hoặc nửa năm, ví dụ 2025-H1).',
    en: 'The period "{period}" does not exist (use a year such as 2025 or a half-year such as 2025-H1).',
  },
  figures_period_not_open: {
    vi: 'Kỳ số liệu {period} chưa bắt đầu (từ ngày {start}).',
    en: 'The period {period} has not started yet (it starts on {start}).',
  },
  figures_locked_reason_required: {
    vi: 'Kỳ số liệu đã khóa từ ngày {date}: chỉ sửa được dưới dạng bổ sung, kèm lý do.',
    en: 'The period locked on {date}: corrections are recorded as supplements and need a reason.',
  },
  figures_under_review: {
    vi: 'Số liệu đã gửi lên và đang chờ cấp trên xem xét; chỉ sửa được khi bị trả lại.',
    en: 'The figures were submitted and await review; they can be changed only if returned.',
  },
  figures_no_form: {
    vi: 'Đơn vị này không có biểu số liệu chỉ tiêu nào để nhập.',
    en: 'This unit has no indicator form to fill.',
  },
  // Indicators: entry routes (helper B)
  figures_reopen_past: {
    vi: 'Ngày mở lại đến {date} đã qua (hôm nay là {today}); chọn một ngày từ hôm nay trở đi.',
    en: 'The reopening date {date} has passed (today is {today}); choose today or a later day.',
  },
  figures_reopen_too_long: {
    vi: 'Chỉ mở lại được tối đa một năm (đến ngày {latest}), không đến {date}.',
    en: 'A period can be reopened for at most a year (until {latest}), not until {date}.',
  },
  // Indicators: catalogue (helper A)
  catalogue_invalid: {
    vi: 'Danh mục sau khi sửa sẽ có {count} lỗi, nên chưa lưu gì: {problemsVi}.',
    en: 'The edit would leave {count} problem(s) in the catalogue, so nothing was saved: {problemsEn}.',
  },
  catalogue_expression_invalid: {
    vi: 'Biểu thức ở ô "{field}" không hợp lệ: {reasonVi}.',
    en: 'The expression in "{field}" is not valid: {reasonEn}.',
  },
  catalogue_code_taken: {
    vi: 'Mã "{code}" đã được dùng trong danh mục.',
    en: 'The code "{code}" is already in the catalogue.',
  },
  catalogue_option_in_use: {
    vi: 'Không bỏ được lựa chọn "{option}" của phân tổ {category}: đã có số liệu được nhập theo lựa chọn này (có thể đổi tên).',
    en: 'The option "{option}" of {category} cannot be removed: figures were entered under it (it can be renamed).',
  },
  catalogue_element_in_use: {
    vi: 'Không đổi được phân tổ của mục số liệu {code}: đã có số liệu được nhập (hoặc đây là mục do hệ thống tính).',
    en: 'The categories of {code} cannot change: figures were entered for it (or the system computes it).',
  },
  catalogue_limits_invalid: {
    vi: 'Giá trị nhỏ nhất phải không lớn hơn giá trị lớn nhất.',
    en: 'The minimum must not exceed the maximum.',
  },
  catalogue_category_unknown: {
    vi: 'Không có phân tổ "{code}" (hoặc bị lặp).',
    en: 'No category "{code}" (or it is repeated).',
  },
  catalogue_kind_unknown: { vi: 'Không có loại đơn vị "{code}".', en: 'No unit kind "{code}".' },
  catalogue_option_duplicate: { vi: 'Lựa chọn "{option}" bị lặp.', en: 'The option "{option}" is repeated.' },

  // Indicators: approval (helper C)
  figures_incomplete: {
    vi: 'Chưa gửi được số liệu: còn {errors} lỗi, {warnings} cảnh báo chưa giải thích và {missing} ô bắt buộc chưa nhập (nhập số hoặc đánh dấu "không có số liệu").',
    en: 'The figures cannot be submitted yet: {errors} errors, {warnings} unexplained warnings and {missing} required cells left empty (enter a number or mark it "not available").',
  },
  figures_children_pending: {
    vi: 'Chưa duyệt được: số liệu của {count} đơn vị cấp dưới chưa được duyệt ({units}).',
    en: 'Cannot accept yet: the figures of {count} units below are not accepted ({units}).',
  },
  figures_indicator_unknown: {
    vi: 'Chỉ tiêu "{code}" không có trong danh mục.',
    en: 'The indicator "{code}" is not in the catalogue.',
  },

  // Indicators: dashboard and roll-up (helper D)
  rollup_indicator_unknown: {
    vi: 'Không có chỉ tiêu mã "{code}" trong danh mục.',
    en: 'There is no indicator "{code}" in the catalogue.',
  },
  rollup_trend_range: {
    vi: 'Khoảng năm không hợp lệ: năm đầu phải không sau năm cuối, tối đa {max} năm.',
    en: 'Invalid range of years: the first year must not be after the last, at most {max} years.',
  },

  // Indicators: spreadsheet (helper E)
  sheet_not_xlsx: {
    vi: 'Tệp tải lên không phải bảng tính Excel (.xlsx). Hãy tải biểu mẫu từ hệ thống, điền và tải lên lại.',
    en: 'The uploaded file is not an Excel workbook (.xlsx). Download the template, fill it in and upload it again.',
  },
  sheet_is_docx: {
    vi: 'Tệp tải lên là văn bản Word (.docx), không phải bảng tính Excel (.xlsx).',
    en: 'The uploaded file is a Word document (.docx), not an Excel workbook (.xlsx).',
  },
  sheet_unreadable: {
    vi: 'Không đọc được tệp Excel: tệp bị hỏng, bị mã hóa hoặc không đúng định dạng .xlsx.',
    en: 'The Excel file cannot be read: it is damaged, encrypted or not a valid .xlsx.',
  },
  sheet_unzipped_too_large: {
    vi: 'Nội dung tệp Excel quá lớn (tối đa {max} MB khi giải nén).',
    en: 'The Excel file’s content is too large (at most {max} MB unpacked).',
  },
  sheet_not_template: {
    vi: 'Tệp không phải biểu mẫu số liệu tải từ hệ thống (thiếu trang thông tin ẩn). Hãy tải biểu mẫu mới rồi điền.',
    en: 'The file is not a figures template downloaded from the system (its hidden information sheet is missing). Download a new template.',
  },
  sheet_other_form: {
    vi: 'Biểu mẫu này là của {unit}, kỳ {period}; không nhập được vào biểu của {targetUnit}, kỳ {targetPeriod}.',
    en: 'This template belongs to {unit}, period {period}; it cannot be imported into the form of {targetUnit}, period {targetPeriod}.',
  },
  sheet_layout_changed: {
    vi: 'Biểu mẫu đã bị sửa cấu trúc (tại {where}): không được đổi tiêu đề, thêm, xóa hay đổi thứ tự dòng. Hãy tải biểu mẫu mới.',
    en: 'The template’s layout was changed (at {where}): headers, rows and their order must stay as exported. Download a new template.',
  },
  sheet_unknown_cell: {
    vi: 'Dòng {row} có chỉ tiêu "{element}" không có trong biểu hiện nay của đơn vị; hãy tải biểu mẫu mới.',
    en: 'Row {row} holds the element "{element}", which is not on the unit’s current form; download a new template.',
  },
  sheet_has_problems: {
    vi: 'Bảng tính có {count} lỗi hoặc xung đột; chưa lưu số liệu nào. Sửa các ô trong báo cáo, hoặc chọn lưu phần hợp lệ.',
    en: 'The workbook has {count} problems or conflicts; nothing was saved. Fix the cells listed, or save the valid part.',
  },
  sheet_cell_not_number: {
    vi: 'Giá trị phải là một số.',
    en: 'The value must be a number.',
  },
  sheet_cell_negative: {
    vi: 'Số lượng không được âm.',
    en: 'A count cannot be negative.',
  },
  sheet_cell_not_integer: {
    vi: 'Số lượng phải là số nguyên.',
    en: 'A count must be a whole number.',
  },
  sheet_cell_too_large: {
    vi: 'Số quá lớn (tối đa {max}).',
    en: 'The number is too large (at most {max}).',
  },
  sheet_cell_na_invalid: {
    vi: 'Cột "Không có số liệu" chỉ ghi "x" hoặc để trống.',
    en: 'The "Not available" column takes "x" or nothing.',
  },
  sheet_cell_value_and_na: {
    vi: 'Ô vừa có số vừa ghi "không có số liệu": chỉ chọn một.',
    en: 'The cell has both a number and "not available": choose one.',
  },
  sheet_cell_comment_invalid: {
    vi: 'Ghi chú phải là văn bản và không chứa ký tự không hợp lệ.',
    en: 'The comment must be text without invalid characters.',
  },
  sheet_cell_comment_too_long: {
    vi: 'Ghi chú quá dài (tối đa {max} ký tự).',
    en: 'The comment is too long (at most {max} characters).',
  },
  sheet_cell_conflict: {
    vi: 'Ô đã được sửa trên hệ thống sau khi tải biểu mẫu (hiện là {value}, do {by}); không ghi đè. Hãy tải biểu mẫu mới.',
    en: 'The cell was changed in the app after the template was downloaded (now {value}, by {by}); not overwritten. Download a new template.',
  },
  sheet_cell_comment_required: {
    vi: 'Cần ghi chú giải thích.',
    en: 'A comment explaining it is needed.',
  },

  internal: {
    vi: 'Đã xảy ra lỗi hệ thống; dữ liệu của bạn không bị thay đổi. Vui lòng thử lại.',
    en: 'A system error occurred; nothing was changed. Please try again.',
  },
} satisfies Record<string, Message>;

export type MessageCode = keyof typeof MESSAGES;

export function localeFrom(acceptLanguage: string | undefined): Locale {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

export function translate(code: MessageCode, locale: Locale, params: Params = {}): string {
  const template = MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

/** Names of entities used inside messages. */
export const ENTITY_NAMES: Record<string, Message> = {
  unit: { vi: 'đơn vị', en: 'unit' },
  plan: { vi: 'kế hoạch', en: 'plan' },
  user: { vi: 'người dùng', en: 'user' },
  level: { vi: 'cấp', en: 'level' },
  kind: { vi: 'loại đơn vị', en: 'unit kind' },
  document: { vi: 'văn bản', en: 'document' },
  file: { vi: 'tệp đính kèm', en: 'attached file' },
  link: { vi: 'liên kết', en: 'link' },
  grant: { vi: 'quyền', en: 'grant' },
  task: { vi: 'nhiệm vụ', en: 'task' },
  node: { vi: 'mục hoặc nhiệm vụ', en: 'section or task' },
  assignment: { vi: 'phân công', en: 'assignment' },
  job: { vi: 'công việc nền', en: 'background job' },
  dissemination_session: { vi: 'buổi quán triệt', en: 'dissemination session' },
  obligation: { vi: 'nghĩa vụ báo cáo', en: 'reporting obligation' },
  report: { vi: 'báo cáo', en: 'report' },
  extension: { vi: 'đề nghị gia hạn', en: 'extension request' },
  // overview (issue 7, part D)
  period: { vi: 'kỳ báo cáo', en: 'reporting period' },
  notification: { vi: 'thông báo', en: 'notification' },
  letter: { vi: 'công văn yêu cầu giải trình', en: 'request for explanation' },
  indicator: { vi: 'chỉ tiêu', en: 'indicator' },
  data_element: { vi: 'mục số liệu', en: 'data element' },
  data_value: { vi: 'ô số liệu', en: 'figure' },
  // indicators (helpers add entity names below their own line)
  // A:
  indicator_category: { vi: 'phân tổ', en: 'category' },
  validation_rule: { vi: 'quy tắc kiểm tra', en: 'validation rule' },
  indicator_target: { vi: 'chỉ tiêu phấn đấu', en: 'target' },
  // C:
  figures_collection: { vi: 'thu thập số liệu chỉ tiêu', en: 'figures collection' },
  // D:
  // E:
};
