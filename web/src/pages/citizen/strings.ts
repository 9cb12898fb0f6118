/**
 * Texts shared by several screens of the citizen app (each screen keeps its own texts beside it). The names of
 * kinds and stages are the app's (i18n/labels.ts); the one-line hints under each kind are the citizen form's.
 */
import { defineStrings } from '../../i18n/strings.ts';

export const citizen = defineStrings(
  {
    kindHint_field_report: 'Sự việc bạn thấy tại một nơi cụ thể: đường hỏng, rác thải, lấn chiếm vỉa hè, mất an toàn…',
    kindHint_waste_report: 'Hành vi lãng phí ngân sách, tài sản công, đất đai, tài nguyên.',
    kindHint_investor_feedback: 'Khó khăn, vướng mắc về thủ tục đầu tư, sản xuất, kinh doanh.',
    kindHint_regulation_feedback: 'Ý kiến về thủ tục hành chính hoặc nội dung một quy định hành chính.',
    kindHint_initiative: 'Ý tưởng, giải pháp để xây dựng và phát triển Thủ đô.',
    deadline: 'Hạn xử lý: {due}',
    deadlineStage: 'Hạn xử lý: {due} (giai đoạn {stage})',
    signInTitle: 'Cần đăng nhập',
    signInBody: 'Trang này dành cho người đã có tài khoản iHanoi. Hãy đăng nhập, hoặc đăng ký nếu bạn chưa có tài khoản.',
    signIn: 'Đăng nhập',
    register: 'Đăng ký tài khoản',
    staffTitle: 'Trang dành cho người dân',
    staffBody: 'Bạn đang đăng nhập bằng tài khoản cán bộ. Phản ánh của người dân được xử lý tại bàn làm việc cán bộ.',
    staffLink: 'Đến bàn làm việc cán bộ',
    confidential: 'Bảo mật danh tính',
    overdue: 'đã quá hạn',
    verifyTitle: 'Bạn chưa xác thực định danh',
    verifyBody:
      'Theo Quy chế iHanoi, người phản ánh phải có đủ thông tin định danh (số CCCD, điện thoại, e-mail) đã được đối chiếu với Cơ sở dữ liệu quốc gia về dân cư. Hãy xác thực trước khi gửi phản ánh.',
    verifyLink: 'Xác thực định danh ngay',
    home: 'Trang chính của tôi',
    meters: 'cách khoảng {m} m',
    said_question: 'Câu hỏi',
    said_answer: 'Trả lời',
    said_explanation: 'Giải thích',
    said_rejectReason: 'Lý do',
    said_until: 'Đến',
    said_rating: 'Đánh giá',
    said_comment: 'Nhận xét',
    said_decision: 'Quyết định',
  },
  {
    kindHint_field_report: 'Something you see at a specific place: broken road, rubbish, blocked pavement, danger…',
    kindHint_waste_report: 'Waste of the state budget, public assets, land or resources.',
    kindHint_investor_feedback: 'Difficulties with investment procedures, production or business.',
    kindHint_regulation_feedback: 'Feedback on an administrative procedure or the content of a regulation.',
    kindHint_initiative: 'Ideas and solutions to build and develop the Capital.',
    deadline: 'Due: {due}',
    deadlineStage: 'Due: {due} ({stage} stage)',
    signInTitle: 'Please sign in',
    signInBody: 'This page is for people with an iHanoi account. Sign in, or register if you do not have an account yet.',
    signIn: 'Sign in',
    register: 'Register',
    staffTitle: 'This page is for residents',
    staffBody: 'You are signed in with an officer account. Residents’ reports are handled in the staff console.',
    staffLink: 'Go to the staff console',
    confidential: 'Identity kept confidential',
    overdue: 'overdue',
    verifyTitle: 'Your identity is not verified yet',
    verifyBody:
      'Under the iHanoi rules a reporter must give full identity details (CCCD number, phone, e-mail) checked against the national population database. Please verify before sending a report.',
    verifyLink: 'Verify my identity now',
    home: 'My home page',
    meters: 'about {m} m away',
    said_question: 'Question',
    said_answer: 'Answer',
    said_explanation: 'Explanation',
    said_rejectReason: 'Reason',
    said_until: 'Until',
    said_rating: 'Rating',
    said_comment: 'Comment',
    said_decision: 'Decision',
  },
);

export type CitizenKey = keyof (typeof citizen)['vi'];
